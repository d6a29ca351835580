namespace DreamTuner.Engine.Starter.Training;

/// <summary>The plan that was followed and the reports of every stage finished so far (this run or earlier ones).</summary>
public sealed record StarterTrainingResult(StarterTrainingPlan Plan, IReadOnlyList<StarterStageReport> Reports, IReadOnlyList<string> NotDone);
