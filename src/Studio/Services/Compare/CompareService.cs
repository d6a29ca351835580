using DreamTuner.Data;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Compare;

/// <summary>
/// Loads takes of a project with the references of the characters they used (every member may: View): two to four
/// for the compare view, one for the image page's large view. An id that is not a visible image of the project is <see cref="ProjectNotFoundException"/>,
/// exactly like an image page, so the view never tells which ids exist elsewhere.
/// </summary>
public sealed class CompareService(IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, ImageDeletionQueue deletions)
{
    public const int MinTakes = 2;
    public const int MaxTakes = 4;

    /// <summary>Reads the <c>images</c> query value ("a,b,c"): ids in order, duplicates dropped; null when one is not an id.</summary>
    public static IReadOnlyList<Guid>? ParseIds(string? images)
    {
        var ids = new List<Guid>();
        foreach (var part in (images ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(part, out var id))
                return null;
            if (!ids.Contains(id))
                ids.Add(id);
        }

        return ids;
    }

    /// <exception cref="ProjectRuleException">Fewer than two or more than four images.</exception>
    /// <exception cref="ProjectNotFoundException">Not a member, or an image that is not (or no longer) in the project.</exception>
    public async Task<CompareSet> LoadAsync(Guid projectId, IReadOnlyList<Guid> imageIds, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        var ids = imageIds.Distinct().ToList();
        if (ids.Count is < MinTakes or > MaxTakes)
        {
            await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
            throw new ProjectRuleException($"Choose {MinTakes} to {MaxTakes} images to compare.");
        }

        return await LoadTakesAsync(projectId, ids, userId, cancellationToken);
    }

    /// <summary>One take with its references and settings: the image page's large view.</summary>
    /// <exception cref="ProjectNotFoundException">Not a member, or an image that is not (or no longer) in the project.</exception>
    public Task<CompareSet> LoadOneAsync(Guid projectId, Guid imageId, Guid userId, CancellationToken cancellationToken = default)
        => LoadTakesAsync(projectId, [imageId], userId, cancellationToken);

    private async Task<CompareSet> LoadTakesAsync(Guid projectId, List<Guid> ids, Guid userId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        if (ids.Any(deletions.IsHidden))
            throw new ProjectNotFoundException();

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rows = await db.Images.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.Generation!.ProjectId == projectId)
            .Select(i => new { i.Id, i.Seed, i.Width, i.Height, i.Generation, RequestedBy = i.Generation!.RequestedBy!.UserName })
            .ToListAsync(cancellationToken);
        if (rows.Count != ids.Count)
            throw new ProjectNotFoundException();

        var characterIds = ids.SelectMany(id => rows.Single(r => r.Id == id).Generation!.CharacterIds).Distinct().ToList();
        var characters = await db.Characters.AsNoTracking()
            .Where(c => c.ProjectId == projectId && characterIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, HasMask = c.MaskHash != null })
            .ToListAsync(cancellationToken);
        var names = characters.ToDictionary(c => c.Id, c => c.Name);

        var takes = ids.Select(id => rows.Single(r => r.Id == id)).Select(r => new CompareTake(
            r.Id, r.Generation!.Id, r.Generation.Prompt, r.Width, r.Height, TakeSettings.Of(r.Generation, r.Seed, names, r.RequestedBy))).ToList();
        // The references in the order the takes name their characters; deleted characters have nothing to show.
        var references = characterIds.Where(names.ContainsKey).Select(id => characters.Single(c => c.Id == id))
            .Select(c => new CompareReference(c.Id, c.Name, c.HasMask)).ToList();
        return new CompareSet(references, takes);
    }
}
