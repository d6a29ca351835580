using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>A job group as lists and cards show it: what it is and how far its generations got.</summary>
public sealed record JobGroupInfo(
    Guid Id,
    Guid ProjectId,
    JobGroupKind Kind,
    string Title,
    Guid? RequestedById,
    Guid? StoryboardId,
    Guid? CharacterId,
    DateTimeOffset CreatedAt,
    int Total,
    int Succeeded,
    int Failed,
    int Cancelled,
    int Running,
    Guid? GridImageId)
{
    /// <summary>Generations that ended, whichever way: the "n" of "n of m done".</summary>
    public int Done => Succeeded + Failed + Cancelled;

    public int Queued => Total - Done - Running;

    public bool IsDone => Done == Total;
}
