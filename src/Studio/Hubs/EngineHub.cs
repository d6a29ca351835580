using DreamTuner.Data.Jobs;
using DreamTuner.Studio.ScaleOut;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.SignalR;

namespace DreamTuner.Studio.Hubs;

/// <summary>
/// The hub engine workers connect to (<c>/hubs/engine</c>, only with Engine:HubKey; see <see cref="EngineKeyCheck"/>).
/// It relays what engines report to the browsers watching the generation, its batch or its project, and to Blazor
/// components of every studio instance (<see cref="IEngineUpdateFanOut"/>); fine-tune reports go to the fine-tune's,
/// character's and project's watchers and, the same way, to every instance's <see cref="FineTuneUpdates"/>.
/// </summary>
public sealed class EngineHub(IHubContext<StudioHub> studio, IEngineUpdateFanOut updates) : Hub
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

    public async Task FineTuneProgress(FineTuneProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await updates.PublishAsync(progress);
        await studio.Clients.Groups(FineTuneAudience(progress.FineTuneId, progress.CharacterId, progress.ProjectId))
            .SendAsync(EngineHubProtocol.ClientFineTuneProgress, progress);
    }

    public async Task FineTuneValidation(FineTuneValidationImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        await updates.PublishAsync(image);
        await studio.Clients.Groups(FineTuneAudience(image.FineTuneId, image.CharacterId, image.ProjectId))
            .SendAsync(EngineHubProtocol.ClientFineTuneValidation, image);
    }

    public async Task FineTuneStatus(FineTuneStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await updates.PublishAsync(change);
        await studio.Clients.Groups(FineTuneAudience(change.FineTuneId, change.CharacterId, change.ProjectId))
            .SendAsync(EngineHubProtocol.ClientFineTuneStatus, change);
    }

    private static List<string> FineTuneAudience(Guid fineTuneId, Guid characterId, Guid projectId) =>
        [StudioHubGroups.FineTune(fineTuneId), StudioHubGroups.Character(characterId), StudioHubGroups.Project(projectId)];

    private static List<string> Audience(Guid generationId, Guid? groupId, Guid projectId)
    {
        var groups = new List<string> { StudioHubGroups.Generation(generationId), StudioHubGroups.Project(projectId) };
        if (groupId is { } g) groups.Add(StudioHubGroups.Group(g));
        return groups;
    }
}
