using DreamTuner.Data;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Hubs;

/// <summary>
/// Browser-facing hub (<c>/hubs/studio</c>): a page watching a generation, a batch or a project joins its group and
/// receives "preview" (<see cref="Data.Jobs.GenerationPreview"/>) and "status" (<see cref="Data.Jobs.GenerationStatusChange"/>);
/// a page watching a fine-tune, a character or a project receives "fineTuneProgress", "fineTuneValidation" and "fineTuneStatus".
/// Only signed-in members of the project may join; anyone else is told the thing does not exist, as pages do.
/// </summary>
[Authorize]
public sealed class StudioHub(ProjectAccess access, IDbContextFactory<StudioDbContext> dbs) : Hub
{
    public async Task WatchGeneration(Guid generationId)
    {
        await RequireViewAsync(await ProjectOfAsync(g => g.Id == generationId));
        await Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Generation(generationId));
    }

    public Task UnwatchGeneration(Guid generationId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Generation(generationId));

    public async Task WatchGroup(Guid groupId)
    {
        await RequireViewAsync(await ProjectOfAsync(g => g.GroupId == groupId));
        await Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Group(groupId));
    }

    public Task UnwatchGroup(Guid groupId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Group(groupId));

    public async Task WatchProject(Guid projectId)
    {
        await RequireViewAsync(projectId);
        await Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Project(projectId));
    }

    public Task UnwatchProject(Guid projectId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Project(projectId));

    /// <summary>Reviews, comments and typing on one image ("collab" messages).</summary>
    public async Task WatchImage(Guid imageId)
    {
        await using (var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted))
        {
            var projectId = await db.Images.AsNoTracking().Where(i => i.Id == imageId)
                .Select(i => (Guid?)i.Generation!.ProjectId).FirstOrDefaultAsync(Context.ConnectionAborted);
            await RequireViewAsync(projectId);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Image(imageId));
    }

    public Task UnwatchImage(Guid imageId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Image(imageId));

    /// <summary>Edits of one storyboard ("collab" messages).</summary>
    public async Task WatchStoryboard(Guid storyboardId)
    {
        await using (var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted))
        {
            var projectId = await db.Storyboards.AsNoTracking().Where(s => s.Id == storyboardId)
                .Select(s => (Guid?)s.ProjectId).FirstOrDefaultAsync(Context.ConnectionAborted);
            await RequireViewAsync(projectId);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Storyboard(storyboardId));
    }

    public Task UnwatchStoryboard(Guid storyboardId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Storyboard(storyboardId));
    public async Task WatchFineTune(Guid fineTuneId)
    {
        Guid? projectId;
        await using (var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted))
            projectId = await db.FineTunes.AsNoTracking().Where(f => f.Id == fineTuneId).Select(f => (Guid?)f.Character!.ProjectId)
                .FirstOrDefaultAsync(Context.ConnectionAborted);
        await RequireViewAsync(projectId);
        await Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.FineTune(fineTuneId));
    }

    public Task UnwatchFineTune(Guid fineTuneId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.FineTune(fineTuneId));

    public async Task WatchCharacter(Guid characterId)
    {
        Guid? projectId;
        await using (var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted))
            projectId = await db.Characters.AsNoTracking().Where(c => c.Id == characterId).Select(c => (Guid?)c.ProjectId)
                .FirstOrDefaultAsync(Context.ConnectionAborted);
        await RequireViewAsync(projectId);
        await Groups.AddToGroupAsync(Context.ConnectionId, StudioHubGroups.Character(characterId));
    }

    public Task UnwatchCharacter(Guid characterId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudioHubGroups.Character(characterId));

    private async Task<Guid?> ProjectOfAsync(System.Linq.Expressions.Expression<Func<Data.Entities.Generation, bool>> which)
    {
        await using var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted);
        return await db.Generations.AsNoTracking().Where(which).Select(g => (Guid?)g.ProjectId).FirstOrDefaultAsync(Context.ConnectionAborted);
    }

    private async Task RequireViewAsync(Guid? projectId)
    {
        var user = CurrentUser.IdOf(Context.User);
        try
        {
            if (projectId is null || user is null) throw new ProjectNotFoundException();
            await access.RequireAsync(projectId.Value, user.Value, ProjectPermission.View, Context.ConnectionAborted);
        }
        catch (ProjectNotFoundException)
        {
            throw new HubException("Not found.");
        }
    }
}
