namespace DreamTuner.Studio.Services.Reviews;

/// <summary>A mention of the user, with where to go to answer it.</summary>
public sealed record NotificationInfo(Guid Id, Guid ProjectId, string ProjectName, Guid? ImageId, string Summary, DateTimeOffset At);
