namespace DreamTuner.Data.Entities;

/// <summary>Lifecycle shared by generations and fine-tunes: Queued -> Running -> Succeeded | Failed | Cancelled.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
