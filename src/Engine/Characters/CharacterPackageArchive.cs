using System.IO.Compression;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Characters;

/// <summary>
/// A character package as ONE blob (what <c>FineTune.ArtifactHash</c> points at): a zip archive holding
/// <c>character.safetensors</c> and its manifest <c>character.json</c>, stored uncompressed because safetensors do not
/// compress and the engine unpacks them on every cache miss. Jobs unpack it into a folder and load it with
/// <see cref="CharacterPackage.Load"/>.
/// </summary>
public static class CharacterPackageArchive
{
    public const string ContentType = "application/zip";
    public const string TensorsEntry = "character.safetensors";
    public const string ManifestEntry = "character.json";

    // Fixed entry times: the same package gives the same bytes, hence the same blob hash.
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Packs <paramref name="packagePath"/> and the manifest beside it into <paramref name="output"/>.</summary>
    public static void Write(string packagePath, Stream output)
    {
        var manifest = CharacterManifest.PathFor(packagePath);
        if (!File.Exists(packagePath) || !File.Exists(manifest))
            throw new CheckpointException($"{packagePath}: a package needs its .safetensors and its manifest {Path.GetFileName(manifest)}.");
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (source, name) in new[] { (packagePath, TensorsEntry), (manifest, ManifestEntry) })
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.LastWriteTime = EntryTime;
            using var input = File.OpenRead(source);
            using var entryStream = entry.Open();
            input.CopyTo(entryStream);
        }
    }

    /// <summary>
    /// Unpacks an archive into <paramref name="folder"/> (created if needed) and returns the package path to load.
    /// Anything but the two expected entries is ignored, so a crafted archive cannot write elsewhere.
    /// </summary>
    public static string Extract(Stream archive, string folder)
    {
        Directory.CreateDirectory(folder);
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            var tensors = zip.GetEntry(TensorsEntry);
            var manifest = zip.GetEntry(ManifestEntry);
            if (tensors is null || manifest is null)
                throw new CheckpointException($"the character package archive must hold {TensorsEntry} and {ManifestEntry}.");
            var packagePath = Path.Combine(folder, TensorsEntry);
            // Write under temporary names and rename, so a crash never leaves a half-written package that looks whole.
            ExtractAtomically(manifest, Path.Combine(folder, ManifestEntry));
            ExtractAtomically(tensors, packagePath);
            return packagePath;
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException($"the character package is not a zip archive of {TensorsEntry} + {ManifestEntry}: {e.Message}", e);
        }
    }

    private static void ExtractAtomically(ZipArchiveEntry entry, string path)
    {
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        entry.ExtractToFile(temporary, overwrite: true);
        File.Move(temporary, path, overwrite: true);
    }
}
