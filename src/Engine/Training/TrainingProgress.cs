namespace DreamTuner.Engine.Training;

/// <summary>Reported after every optimiser step (the studio shows step, loss chart and ETA from it).</summary>
public sealed record TrainingProgress(int Step, int TotalSteps, double Loss, TimeSpan Elapsed, int StepsThisSession)
{
    /// <summary>Remaining time from the mean step time of this session (resumed runs do not count old steps).</summary>
    public TimeSpan EstimatedRemaining =>
        StepsThisSession == 0 ? TimeSpan.Zero : Elapsed / StepsThisSession * (TotalSteps - Step);
}
