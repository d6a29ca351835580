using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Feed;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Reviews;

/// <summary>
/// Threaded comments on an image, optionally pinned to a point of it. Every member may comment (Viewer = look and
/// comment); authors edit and delete their own, Owners delete any. @mentions of members become notifications.
/// </summary>
public sealed class CommentService(IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, CollaborationBroadcaster broadcaster, TimeProvider time)
{
    public const int MaxBodyLength = 4000;

    public async Task<IReadOnlyList<CommentInfo>> ListAsync(Guid projectId, Guid imageId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await ProjectImages.RequireAsync(db, projectId, imageId, cancellationToken);
        return await db.Comments.AsNoTracking()
            .Where(c => c.ImageId == imageId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentInfo(c.Id, c.ParentId, c.AuthorId, c.Author == null ? "deleted user" : c.Author.UserName ?? "",
                c.IsDeleted ? "" : c.Body, c.PinX, c.PinY, c.CreatedAt, c.EditedAt, c.IsDeleted, c.Version))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Posts a comment (or a reply), notifies the members it @mentions, and tells everyone viewing the image.</summary>
    public async Task<CommentInfo> PostAsync(Guid projectId, Guid imageId, Guid userId, CommentDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await access.RequireAsync(projectId, userId, ProjectPermission.Comment, cancellationToken);
        var body = CheckBody(draft.Body);
        if (draft.PinX.HasValue != draft.PinY.HasValue || draft.PinX is < 0 or > 1 || draft.PinY is < 0 or > 1)
            throw new ProjectRuleException("A pin needs both coordinates, each between 0 and 1.");

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await ProjectImages.RequireAsync(db, projectId, imageId, cancellationToken);
        if (draft.ParentId is { } parentId && !await db.Comments.AnyAsync(c => c.Id == parentId && c.ImageId == imageId, cancellationToken))
            throw new ProjectRuleException("The comment you answer is not on this image.");

        var now = time.GetUtcNow();
        var name = await ProjectImages.UserNameAsync(db, userId, cancellationToken);
        var comment = new Comment
        {
            ImageId = imageId, AuthorId = userId, ParentId = draft.ParentId, Body = body, PinX = draft.PinX, PinY = draft.PinY, CreatedAt = now,
        };
        db.Comments.Add(comment);
        ActivityLog.Add(db, projectId, userId, ActivityKind.CommentPosted, $"{name} commented: {Excerpt(body)}", now, nameof(Image), imageId);
        var mentioned = await MentionedMembersAsync(db, projectId, userId, body, cancellationToken);
        foreach (var member in mentioned)
        {
            ActivityLog.Add(db, projectId, member, ActivityKind.UserMentioned, $"{name} mentioned you: {Excerpt(body)}", now, nameof(Comment), comment.Id);
        }

        await db.SaveChangesAsync(cancellationToken);

        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Comment, projectId, imageId, ActorId: userId, ActorName: name));
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Activity, projectId, ActorId: userId, ActorName: name));
        foreach (var member in mentioned)
        {
            await broadcaster.PublishAsync(new CollaborationChange(
                CollaborationChangeKind.Notification, projectId, imageId, ActorId: userId, ActorName: name, RecipientId: member, Text: $"{name} mentioned you"));
        }

        return new CommentInfo(comment.Id, comment.ParentId, userId, name, body, comment.PinX, comment.PinY, now, null, false, comment.Version);
    }

    /// <summary>
    /// Replaces the author's text, if nobody changed the comment since <paramref name="expectedVersion"/> was read
    /// (otherwise <see cref="CommentConflictException"/>, and nothing is written).
    /// </summary>
    public async Task EditAsync(Guid projectId, Guid commentId, Guid userId, string body, uint expectedVersion, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.Comment, cancellationToken);
        var text = CheckBody(body);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var comment = await FindAsync(db, projectId, commentId, cancellationToken);
        if (comment.AuthorId != userId || comment.IsDeleted)
            throw new ProjectRuleException("Only the author can edit a comment.");
        db.Entry(comment).Property(c => c.Version).OriginalValue = expectedVersion;
        comment.Body = text;
        comment.EditedAt = time.GetUtcNow();
        ActivityLog.Add(db, projectId, userId, ActivityKind.CommentEdited, $"Edited a comment: {Excerpt(text)}", comment.EditedAt.Value, nameof(Image), comment.ImageId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CommentConflictException();
        }

        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Comment, projectId, comment.ImageId, ActorId: userId));
    }

    /// <summary>Soft-deletes: the words go, the place in the thread (and its replies) stays. Authors and Owners may.</summary>
    public async Task DeleteAsync(Guid projectId, Guid commentId, Guid userId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(projectId, userId, ProjectPermission.Comment, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var comment = await FindAsync(db, projectId, commentId, cancellationToken);
        if (comment.AuthorId != userId && role != ProjectRole.Owner)
            throw new ProjectRuleException("Only the author or an Owner can delete a comment.");
        if (comment.IsDeleted)
            return;
        comment.IsDeleted = true;
        ActivityLog.Add(db, projectId, userId, ActivityKind.CommentDeleted, "Deleted a comment", time.GetUtcNow(), nameof(Image), comment.ImageId);
        await db.SaveChangesAsync(cancellationToken);
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Comment, projectId, comment.ImageId, ActorId: userId));
    }

    private static async Task<Comment> FindAsync(StudioDbContext db, Guid projectId, Guid commentId, CancellationToken cancellationToken)
        => await db.Comments.SingleOrDefaultAsync(c => c.Id == commentId && c.Image!.Generation!.ProjectId == projectId, cancellationToken)
           ?? throw new ProjectNotFoundException();

    /// <summary>Members named by @user-name in the text, other than the author; names of non-members are plain text.</summary>
    private static async Task<List<Guid>> MentionedMembersAsync(StudioDbContext db, Guid projectId, Guid authorId, string body, CancellationToken cancellationToken)
    {
        var names = MentionParser.Find(body).Select(n => n.ToUpperInvariant()).ToList();
        if (names.Count == 0)
            return [];
        return await db.ProjectMembers
            .Where(m => m.ProjectId == projectId && m.UserId != authorId && names.Contains(m.User!.NormalizedUserName!))
            .Select(m => m.UserId)
            .ToListAsync(cancellationToken);
    }

    private static string CheckBody(string? body)
    {
        var text = (body ?? "").Trim();
        if (text.Length == 0)
            throw new ProjectRuleException("Write something first.");
        if (text.Length > MaxBodyLength)
            throw new ProjectRuleException($"A comment has at most {MaxBodyLength} characters.");
        return text;
    }

    private static string Excerpt(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
