using DreamTuner.Data.Jobs;
using DreamTuner.Studio.ScaleOut;
using Microsoft.AspNetCore.SignalR;

namespace DreamTuner.Studio.Hubs;

/// <summary>
/// The hub engine workers connect to (<c>/hubs/engine</c>, only with Engine:HubKey; see <see cref="EngineKeyCheck"/>).
/// It relays what engines report to the browsers watching the generation, its batch or its project, and to Blazor
/// components of every studio instance (<see cref="IGenerationUpdateFanOut"/>).
/// </summary>
public sealed class EngineHub(IHubContext<StudioHub> studio, IGenerationUpdateFanOut updates) : Hub
{
    public async Task Preview(GenerationPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        await updates.PublishAsync(preview);
        await studio.Clients.Groups(Audience(preview.GenerationId, preview.GroupId, preview.ProjectId))
            .SendAsync(EngineHubProtocol.ClientPreview, preview);
    }

    public async Task Status(GenerationStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await updates.PublishAsync(change);
        await studio.Clients.Groups(Audience(change.GenerationId, change.GroupId, change.ProjectId))
            .SendAsync(EngineHubProtocol.ClientStatus, change);
    }

    private static List<string> Audience(Guid generationId, Guid? groupId, Guid projectId)
    {
        var groups = new List<string> { StudioHubGroups.Generation(generationId), StudioHubGroups.Project(projectId) };
        if (groupId is { } g) groups.Add(StudioHubGroups.Group(g));
        return groups;
    }
}
