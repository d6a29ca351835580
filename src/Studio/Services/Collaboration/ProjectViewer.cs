namespace DreamTuner.Studio.Services.Collaboration;

/// <summary>A member who has a page of the project open now.</summary>
public sealed record ProjectViewer(Guid UserId, string UserName);
