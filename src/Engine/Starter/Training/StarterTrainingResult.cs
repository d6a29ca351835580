namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// The plan that was followed, the reports of every stage finished so far (this run or earlier ones), what is not done,
/// and the wall time of this run (probes, latent pool, training, saving).
/// </summary>
public sealed record StarterTrainingResult(StarterTrainingPlan Plan, IReadOnlyList<StarterStageReport> Reports, IReadOnlyList<string> NotDone,
    double RunSeconds);
