namespace DreamTuner.Engine.Starter.Training;

/// <summary>Builds one stage's models and loss.</summary>
public interface IStarterStageBuilder
{
    StarterStage Stage { get; }

    /// <summary>
    /// Builds the stage. With <paramref name="probe"/> the earlier stages' components are random stand-ins of the same
    /// shapes (for timing a step before they exist); otherwise they are read from the model folder.
    /// </summary>
    StarterStageSession Open(StarterTrainingContext context, bool probe);
}
