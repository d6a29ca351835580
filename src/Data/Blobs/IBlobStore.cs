namespace DreamTuner.Data.Blobs;

/// <summary>Content-addressed storage of immutable bytes, keyed by their SHA-256.</summary>
public interface IBlobStore
{
    /// <summary>
    /// Stores the bytes and returns their address. Idempotent: the same bytes give the same hash and
    /// are stored once. A blob becomes visible only when complete.
    /// </summary>
    /// <exception cref="BlobTooLargeException">The content exceeds the configured maximum.</exception>
    Task<BlobRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <exception cref="FileNotFoundException">No blob has this hash.</exception>
    Stream OpenRead(string hash);

    bool Exists(string hash);

    /// <summary>The file a blob lives in (whether or not it exists), for tools that want a path.</summary>
    string PathOf(string hash);
}
