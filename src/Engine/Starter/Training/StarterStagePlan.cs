namespace DreamTuner.Engine.Starter.Training;

/// <summary>One stage of the plan: its steps and the step time measured before training (0 when not measured).</summary>
public sealed record StarterStagePlan(StarterStage Stage, int Steps, int BatchSize, double SecondsPerStep)
{
    public double EstimatedSeconds => Steps * SecondsPerStep;
}
