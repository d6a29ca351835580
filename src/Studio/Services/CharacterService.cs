using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Images;
using DreamTuner.Studio.Services.Segmentation;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Characters made from one reference image: checks the image (type from the bytes, size, pixel limits),
/// stores the original unaltered, derives a mask from its alpha channel (or, for an opaque image, from the segmentation
/// model when one is installed), and creates the row.
/// </summary>
public sealed class CharacterService(
    IDbContextFactory<StudioDbContext> dbs,
    IBlobStore blobs,
    ProjectAccess access,
    ImageInspector inspector,
    UploadRateLimiter rateLimiter,
    SegmentationModel segmentation,
    TimeProvider time)
{
    public const int MaxNameLength = 200;
    public const int MaxClassWordLength = 100;

    /// <summary>Creates a character from an uploaded image. Order: role, rate limit, form, bytes — so refusals are cheap.</summary>
    /// <exception cref="ImageRejectedException">The image breaks a limit; the message says which.</exception>
    /// <exception cref="UploadRateLimitedException">The user uploads too often; the message says when to retry.</exception>
    public async Task<CharacterInfo> CreateAsync(
        Guid projectId, Guid userId, CharacterDraft draft, Stream image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(image);
        await access.RequireAsync(projectId, userId, ProjectPermission.Upload, cancellationToken);
        rateLimiter.Acquire(userId);

        var name = (draft.Name ?? "").Trim();
        var classWord = (draft.ClassWord ?? "").Trim().ToLowerInvariant();
        if (name.Length == 0)
            throw new ProjectRuleException("Give the character a name.");
        if (name.Length > MaxNameLength)
            throw new ProjectRuleException($"The name is longer than {MaxNameLength} characters.");
        if (classWord.Length == 0)
            throw new ProjectRuleException("Choose or type a class word (for example dog, girl, toy).");
        if (classWord.Length > MaxClassWordLength)
            throw new ProjectRuleException($"The class word is longer than {MaxClassWordLength} characters.");

        var bytes = await ReadLimitedAsync(image, inspector.Limits.MaxBytes, cancellationToken);
        var inspected = inspector.Inspect(bytes);
        var (mask, maskSource) = await InitialMaskAsync(bytes, inspected, cancellationToken);

        var reference = await blobs.PutAsync(new MemoryStream(bytes, writable: false), inspected.ContentType, cancellationToken);
        var maskBlob = mask is null ? null : await blobs.PutAsync(new MemoryStream(mask, writable: false), "image/png", cancellationToken);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var recorder = new BlobRecorder(db, blobs, time);
        await recorder.RecordAsync(reference, cancellationToken);
        if (maskBlob is not null)
            await recorder.RecordAsync(maskBlob, cancellationToken);

        var now = time.GetUtcNow();
        var count = await db.Characters.CountAsync(c => c.ProjectId == projectId, cancellationToken);
        var character = new Character
        {
            ProjectId = projectId,
            Name = name,
            ClassWord = classWord,
            Token = $"[S{count + 1}*]",
            ReferenceImageHash = reference.Hash,
            MaskHash = maskBlob?.Hash,
            MaskSource = maskBlob is null ? null : maskSource,
            Caption = string.IsNullOrWhiteSpace(draft.Caption) ? null : draft.Caption.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Characters.Add(character);
        db.Activities.Add(new Activity
        {
            ProjectId = projectId, UserId = userId, Kind = ActivityKind.CharacterCreated,
            Summary = $"Created character {name} ({classWord}) from a {inspected.Width}x{inspected.Height} {inspected.Format}",
            EntityType = nameof(Character), EntityId = character.Id, At = now,
        });
        await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new CharacterInfo(character.Id, projectId, name, classWord, character.Token, character.Caption,
            inspected.ContentType, reference.Size, maskBlob is not null, false, now, maskBlob?.Hash, character.MaskSource);
    }

    /// <summary>
    /// The first mask of an upload: from its alpha when that outlines a subject, else from the segmentation model when
    /// one is installed (run off the caller's thread: it is CPU-bound), else none. The original bytes are only read.
    /// </summary>
    private async Task<(byte[]? Mask, MaskSource? Source)> InitialMaskAsync(
        byte[] bytes, InspectedImage inspected, CancellationToken cancellationToken)
    {
        if (inspected.HasAlpha && AlphaMask.FromAlpha(bytes) is { } alpha)
            return (alpha, MaskSource.Alpha);
        var predicted = await Task.Run(() => segmentation.PredictMask(bytes, inspected.Width, inspected.Height), cancellationToken);
        return predicted is null ? (null, null) : (predicted, MaskSource.SegmentationModel);
    }

    public async Task<IReadOnlyList<CharacterInfo>> ListAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await Project(db.Characters.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CharacterInfo> GetAsync(Guid projectId, Guid characterId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await Project(db.Characters.AsNoTracking().Where(c => c.ProjectId == projectId && c.Id == characterId))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ProjectNotFoundException();
    }

    /// <summary>
    /// Replaces the character's mask with one painted by the user (Editor or Owner). The reference image is never
    /// touched; the old mask blob stays (content-addressed, possibly shared).
    /// </summary>
    /// <exception cref="ImageRejectedException">Not a PNG of the reference's size, or nothing painted; the message says which.</exception>
    public async Task<CharacterInfo> SaveMaskAsync(
        Guid projectId, Guid characterId, Guid userId, Stream painted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(painted);
        await access.RequireAsync(projectId, userId, ProjectPermission.Upload, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var found = await db.Characters.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Id == characterId)
            .Select(c => new { c.Name, c.ReferenceImageHash })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ProjectNotFoundException();

        InspectedImage reference;
        await using (var stored = blobs.OpenRead(found.ReferenceImageHash))
            reference = inspector.Inspect(await ReadLimitedAsync(stored, inspector.Limits.MaxBytes, cancellationToken));
        var bytes = await ReadLimitedAsync(painted, inspector.Limits.MaxBytes, cancellationToken);
        var mask = PaintedMask.Normalise(inspector, bytes, reference.Width, reference.Height);

        var blob = await blobs.PutAsync(new MemoryStream(mask, writable: false), "image/png", cancellationToken);
        await new BlobRecorder(db, blobs, time).RecordAsync(blob, cancellationToken);
        var now = time.GetUtcNow();
        // A set-based update: the mask is the only field this writes, so no concurrency token is needed.
        await db.Characters.Where(c => c.Id == characterId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MaskHash, blob.Hash).SetProperty(c => c.MaskSource, (MaskSource?)MaskSource.Painted)
                .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        db.Activities.Add(new Activity
        {
            ProjectId = projectId, UserId = userId, Kind = ActivityKind.CharacterUpdated,
            Summary = $"Painted the mask of {found.Name}",
            EntityType = nameof(Character), EntityId = characterId, At = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(projectId, characterId, userId, cancellationToken);
    }

    /// <summary>The square crop around the subject, from the mask; null without a mask or when the mask is empty.</summary>
    public async Task<SubjectCrop?> GetSubjectCropAsync(Guid projectId, Guid characterId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var maskHash = await db.Characters.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Id == characterId)
            .Select(c => new { c.MaskHash })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ProjectNotFoundException();
        if (maskHash.MaskHash is null)
            return null;
        byte[] mask;
        await using (var stored = blobs.OpenRead(maskHash.MaskHash))
            mask = await ReadLimitedAsync(stored, inspector.Limits.MaxBytes, cancellationToken);
        var size = inspector.Inspect(mask);
        return SubjectSquare.FromMask(mask) is { } square
            ? new SubjectCrop(square.Left, square.Top, square.Width, size.Width, size.Height)
            : null;
    }

    /// <summary>The reference image (or its mask) as stored, for the image endpoint.</summary>
    public async Task<(Stream Content, string ContentType)> OpenImageAsync(
        Guid projectId, Guid characterId, Guid userId, bool mask, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var found = await db.Characters.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Id == characterId)
            .Select(c => new { c.ReferenceImageHash, ReferenceType = c.ReferenceImage!.ContentType, c.MaskHash })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ProjectNotFoundException();
        if (mask)
            return found.MaskHash is null ? throw new ProjectNotFoundException() : (blobs.OpenRead(found.MaskHash), "image/png");
        return (blobs.OpenRead(found.ReferenceImageHash), found.ReferenceType);
    }

    private static IQueryable<CharacterInfo> Project(IQueryable<Character> characters) => characters.Select(c => new CharacterInfo(
        c.Id, c.ProjectId, c.Name, c.ClassWord, c.Token, c.Caption, c.ReferenceImage!.ContentType, c.ReferenceImage.Size,
        c.MaskHash != null, c.ActiveFineTuneId != null, c.CreatedAt, c.MaskHash, c.MaskSource));

    /// <summary>Reads at most <paramref name="maxBytes"/> + 1 bytes, so a client that lies about the size cannot fill memory.</summary>
    private async Task<byte[]> ReadLimitedAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
                inspector.CheckFileSize(buffer.Length); // throws, naming the limit
        }

        return buffer.ToArray();
    }
}
