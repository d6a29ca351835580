using DreamTuner.Data.Blobs;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>A file blob store whose first <see cref="Failures"/> writes fail with an I/O error, as a full or flaky volume would.</summary>
public sealed class FlakyBlobStore(IBlobStore inner, int failures) : IBlobStore
{
    private int _failuresLeft = failures;

    public int Failures { get; } = failures;

    public Task<BlobRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new IOException("simulated: the blob volume is temporarily unavailable")
            : inner.PutAsync(content, contentType, cancellationToken);

    public Stream OpenRead(string hash) => inner.OpenRead(hash);

    public bool Exists(string hash) => inner.Exists(hash);

    public string PathOf(string hash) => inner.PathOf(hash);
}
