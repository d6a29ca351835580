using DreamTuner.Studio.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace DreamTuner.Studio.Services.Collaboration;

/// <summary>
/// Sends a change to the Blazor circuits of this process (<see cref="CollaborationUpdates"/>) and over the same
/// real-time connection browsers and API clients already use (<c>/hubs/studio</c>, client method
/// <see cref="StudioHubGroups.CollaborationMethod"/>): the groups of the project, image and storyboard, and the
/// recipient's own connections for notifications.
/// </summary>
public sealed class CollaborationBroadcaster(CollaborationUpdates updates, IHubContext<StudioHub> hub, ILogger<CollaborationBroadcaster> logger)
{
    public async Task PublishAsync(CollaborationChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        updates.Publish(change);
        try
        {
            if (change.RecipientId is { } recipient)
            {
                await hub.Clients.User(recipient.ToString()).SendAsync(StudioHubGroups.CollaborationMethod, change);
                return;
            }

            var groups = new List<string> { StudioHubGroups.Project(change.ProjectId) };
            if (change.ImageId is { } image) groups.Add(StudioHubGroups.Image(image));
            if (change.StoryboardId is { } storyboard) groups.Add(StudioHubGroups.Storyboard(storyboard));
            await hub.Clients.Groups(groups).SendAsync(StudioHubGroups.CollaborationMethod, change);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is committed; a hub hiccup must not turn the user's successful save into an error.
            logger.LogWarning(e, "Could not push a {Kind} change to hub clients", change.Kind);
        }
    }
}
