using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Reads what a generation row refers to: its init and control images and, for a DreamTuner generation, each
/// character's reference, mask and active trained package (unpacked once per artifact hash under
/// <see cref="PackagesFolder"/>), and an extra reference image (a panel's previous take). Anything missing is a <see cref="GenerationFailedException"/> that says what.
/// </summary>
public sealed class GenerationInputLoader(IDbContextFactory<StudioDbContext> contexts, IBlobStore blobs)
{
    /// <summary>Where trained packages are unpacked, one folder per artifact hash (content-addressed, so never stale).</summary>
    public string PackagesFolder { get; init; } = Path.Combine(Path.GetTempPath(), "dreamtuner-character-packages");

    public async Task<GenerationInputs> LoadAsync(Generation g, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(g);
        var init = g.InitImageHash is null ? null : await ReadAsync(g.InitImageHash, "init image", cancellation);
        var control = g.ControlImageHash is null ? null : await ReadAsync(g.ControlImageHash, "control image", cancellation);
        IReadOnlyList<byte[]> extra = g.ExtraReferenceHash is null ? [] : [await ReadAsync(g.ExtraReferenceHash, "extra reference image", cancellation)];
        if (g.CharacterIds.Count == 0) return new GenerationInputs(init, control, []) { ExtraReferences = extra };

        List<Character> rows;
        await using (var db = await contexts.CreateDbContextAsync(cancellation))
            rows = await db.Characters.AsNoTracking().Include(c => c.ActiveFineTune)
                .Where(c => g.CharacterIds.Contains(c.Id) && c.ProjectId == g.ProjectId)
                .ToListAsync(cancellation);
        var characters = new List<JobCharacter>();
        foreach (var id in g.CharacterIds.Distinct())
        {
            var c = rows.SingleOrDefault(r => r.Id == id)
                ?? throw new GenerationFailedException("A character this generation uses was deleted; remove it from the prompt and try again.");
            var reference = await ReadAsync(c.ReferenceImageHash, $"reference image of {c.Name}", cancellation);
            var mask = c.MaskHash is null ? null : await ReadAsync(c.MaskHash, $"mask of {c.Name}", cancellation);
            string? package = null, packageHash = null;
            if (c.ActiveFineTune is { Status: JobStatus.Succeeded, ArtifactHash: { } artifact })
                (package, packageHash) = (await UnpackAsync(artifact, c.Name, cancellation), artifact);
            characters.Add(new JobCharacter(c.Id, c.Name, c.Token, c.ClassWord, reference, mask, package, packageHash));
        }
        return new GenerationInputs(init, control, characters) { ExtraReferences = extra };
    }

    private async Task<string> UnpackAsync(string hash, string name, CancellationToken cancellation)
    {
        var folder = Path.Combine(PackagesFolder, hash);
        var path = Path.Combine(folder, CharacterPackageArchive.TensorsEntry);
        if (File.Exists(path) && File.Exists(CharacterManifest.PathFor(path))) return path;
        var bytes = await ReadAsync(hash, $"trained package of {name}", cancellation);
        try
        {
            using var archive = new MemoryStream(bytes, writable: false);
            return CharacterPackageArchive.Extract(archive, folder);
        }
        catch (CheckpointException e)
        {
            throw new GenerationFailedException($"The trained package of {name} cannot be read ({e.Message}); train it again.", e);
        }
    }

    private async Task<byte[]> ReadAsync(string hash, string what, CancellationToken cancellation)
    {
        try
        {
            await using var stream = blobs.OpenRead(hash);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellation);
            return copy.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GenerationFailedException($"The {what} is missing from the blob store; upload it again.", e);
        }
    }
}
