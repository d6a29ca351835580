using System.IO.Compression;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Characters;

/// <summary>
/// A character package as one blob: a zip (entries stored, not compressed: the weights do not compress) of
/// <see cref="PackageEntry"/> and its manifest <see cref="ManifestEntry"/>, so the blob store keeps one content-addressed
/// object per trained character and a job that loads it unpacks both files side by side for <see cref="CharacterPackage.Load"/>.
/// </summary>
public static class CharacterArtifact
{
    public const string ContentType = "application/zip";
    public const string PackageEntry = "character.safetensors";
    public const string ManifestEntry = "character.json";

    // Fixed entry times: the same package gives the same bytes, hence the same blob hash.
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the package at <paramref name="packagePath"/> and the manifest beside it into <paramref name="destination"/>.</summary>
    public static void Pack(string packagePath, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (source, name) in new[] { (packagePath, PackageEntry), (CharacterManifest.PathFor(packagePath), ManifestEntry) })
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.LastWriteTime = EntryTime;
            using var input = File.OpenRead(source);
            using var output = entry.Open();
            input.CopyTo(output);
        }
    }

    /// <summary>Unpacks an artifact into <paramref name="folder"/> and returns the package path to load.</summary>
    /// <exception cref="CheckpointException">The blob is not a character artifact.</exception>
    public static string Unpack(Stream artifact, string folder)
    {
        Directory.CreateDirectory(folder);
        try
        {
            using var zip = new ZipArchive(artifact, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var name in new[] { PackageEntry, ManifestEntry })
            {
                var entry = zip.GetEntry(name) ?? throw new CheckpointException($"the character artifact lacks {name}.");
                entry.ExtractToFile(Path.Combine(folder, name), overwrite: true);
            }
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException($"the character artifact is not a zip file: {e.Message}", e);
        }
        return Path.Combine(folder, PackageEntry);
    }
}
