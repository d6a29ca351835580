using Microsoft.AspNetCore.SignalR;

namespace DreamTuner.Studio.Hubs;

/// <summary>
/// Browser-facing hub (<c>/hubs/studio</c>): a page watching a generation, a batch or a project joins its group and
/// receives "preview" (<see cref="Data.Jobs.GenerationPreview"/>) and "status" (<see cref="Data.Jobs.GenerationStatusChange"/>).
/// </summary>
public sealed class StudioHub : Hub
{
    public Task WatchGeneration(Guid generationId) => Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Generation(generationId));

    public Task UnwatchGeneration(Guid generationId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Generation(generationId));

    public Task WatchGroup(Guid groupId) => Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Group(groupId));

    public Task UnwatchGroup(Guid groupId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Group(groupId));

    public Task WatchProject(Guid projectId) => Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Project(projectId));

    public Task UnwatchProject(Guid projectId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Project(projectId));
}
