using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Feed;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Poses;

/// <summary>
/// "Use this pose" on a storyboard panel: the saved pose's control image becomes the panel's optional pose
/// (<see cref="Panel.PoseBlobHash"/>), rendered once and stored as a blob, so later edits of the library pose do not
/// change a shot already planned. Editors and Owners only, like every other panel edit.
/// </summary>
public sealed class PanelPoseService(
    IDbContextFactory<StudioDbContext> dbs, IBlobStore blobs, PoseService poses, ProjectAccess access, CollaborationBroadcaster broadcaster, TimeProvider time)
{
    /// <summary>Panels have no size of their own until a take is generated; the studio's default generation size.</summary>
    public const int PanelSide = 512;

    /// <summary>Sets (or, with a null <paramref name="poseId"/>, clears) the panel's pose.</summary>
    public async Task UseAsync(Guid projectId, Guid storyboardId, Guid panelId, Guid userId, Guid? poseId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        string? hash = null;
        string summary;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels
            .SingleOrDefaultAsync(p => p.Id == panelId && p.StoryboardId == storyboardId && p.Storyboard!.ProjectId == projectId, cancellationToken)
            ?? throw new ProjectNotFoundException();
        if (poseId is { } id)
        {
            var png = await poses.RenderAsync(projectId, id, userId, PanelSide, PanelSide, cancellationToken);
            var blob = await blobs.PutAsync(new MemoryStream(png, writable: false), PoseControlImage.ContentType, cancellationToken);
            await new BlobRecorder(db, blobs, time).RecordAsync(blob, cancellationToken);
            hash = blob.Hash;
            summary = $"Set the pose of panel {panel.OrderIndex + 1}";
        }
        else
        {
            summary = $"Cleared the pose of panel {panel.OrderIndex + 1}";
        }

        // A pose is a deliberate choice like a take: the last one wins, without the text's conflict check.
        panel.PoseBlobHash = hash;
        panel.UpdatedAt = time.GetUtcNow();
        ActivityLog.Add(db, projectId, userId, ActivityKind.PanelEdited, summary, panel.UpdatedAt, nameof(Storyboard), storyboardId);
        await db.SaveChangesAsync(cancellationToken);
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Storyboard, projectId, StoryboardId: storyboardId, ActorId: userId));
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Activity, projectId, ActorId: userId));
    }

    /// <summary>The panel's pose image for any member; <see cref="ProjectNotFoundException"/> when there is none to show.</summary>
    public async Task<Stream> OpenAsync(Guid projectId, Guid storyboardId, Guid panelId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var hash = await db.Panels
            .Where(p => p.Id == panelId && p.StoryboardId == storyboardId && p.Storyboard!.ProjectId == projectId)
            .Select(p => p.PoseBlobHash)
            .SingleOrDefaultAsync(cancellationToken);
        return hash is null ? throw new ProjectNotFoundException() : blobs.OpenRead(hash);
    }
}
