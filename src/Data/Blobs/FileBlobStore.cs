using System.Buffers;
using System.Security.Cryptography;
using DreamTuner.Data.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DreamTuner.Data.Blobs;

/// <summary>
/// Blobs as files at <c>&lt;root&gt;/&lt;aa&gt;/&lt;bb&gt;/&lt;sha256hex&gt;</c>. Writes go to a temp file in the root
/// (same file system, so the final rename is atomic) and are fsynced before the rename, so readers and a
/// crash never see half a blob; at worst a crash leaves a temp file, which start-up cleanup removes.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    /// <summary>Names of in-progress writes start with this; blob names are bare hex and live in subfolders.</summary>
    public const string TempFilePrefix = ".tmp-";

    private const int BufferSize = 81920;

    private readonly string _root;
    private readonly long? _maxBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public FileBlobStore(BlobStoreOptions options, TimeProvider? time = null, ILogger<FileBlobStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Root);
        _root = Path.GetFullPath(options.Root);
        _maxBytes = options.MaxBytes;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<FileBlobStore>.Instance;
    }

    public string Root => _root;

    public async Task<BlobRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);

        Directory.CreateDirectory(_root);
        var tempPath = Path.Combine(_root, TempFilePrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var (hash, size) = await WriteAndHashAsync(content, tempPath, cancellationToken);
            var finalPath = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            if (File.Exists(finalPath))
            {
                File.Delete(tempPath);
            }
            else
            {
                try
                {
                    File.Move(tempPath, finalPath, overwrite: false);
                }
                catch (IOException) when (File.Exists(finalPath))
                {
                    // Another writer stored the same bytes between our check and our move; theirs is identical.
                    File.Delete(tempPath);
                }
            }

            return new BlobRef(hash, size, contentType);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    public Stream OpenRead(string hash)
    {
        var path = PathOf(hash);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
        }
        catch (DirectoryNotFoundException e)
        {
            // A missing prefix folder is just a missing blob; callers should not care how files are laid out.
            throw new FileNotFoundException($"No blob {hash}.", path, e);
        }
    }

    public bool Exists(string hash) => File.Exists(PathOf(hash));

    public string PathOf(string hash)
    {
        // The hash becomes a path, so anything but 64 lowercase hex digits could escape the root.
        if (!IsValidHash(hash))
        {
            throw new ArgumentException($"'{hash}' is not a SHA-256 hash in lowercase hex.", nameof(hash));
        }

        return Path.Combine(_root, hash[..2], hash[2..4], hash);
    }

    public static bool IsValidHash(string? hash)
        => hash is { Length: 64 } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>
    /// Deletes temp files left by writes that died (crash, kill). Only files older than
    /// <paramref name="olderThan"/> go, because another process may be writing the younger ones right now.
    /// </summary>
    /// <returns>How many files were deleted.</returns>
    public int DeleteStaleTempFiles(TimeSpan olderThan)
    {
        if (!Directory.Exists(_root))
        {
            return 0;
        }

        var cutoff = _time.GetUtcNow().UtcDateTime - olderThan;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_root, TempFilePrefix + "*", SearchOption.TopDirectoryOnly))
        {
            if (File.GetLastWriteTimeUtc(path) < cutoff && TryDelete(path))
            {
                deleted++;
            }
        }

        if (deleted > 0)
        {
            _logger.LogInformation("Deleted {Count} stale blob temp files from {Root}", deleted, _root);
        }

        return deleted;
    }

    private async Task<(string Hash, long Size)> WriteAndHashAsync(Stream content, string tempPath, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            await using var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                size += read;
                if (size > _maxBytes)
                {
                    throw new BlobTooLargeException(_maxBytes.Value);
                }

                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            // The rename must not reach the disk before the bytes do, or a power cut could leave a
            // complete-looking name over incomplete content.
            file.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }

    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not delete blob temp file {Path}", path);
            return false;
        }
    }
}
