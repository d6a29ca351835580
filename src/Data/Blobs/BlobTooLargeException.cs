namespace DreamTuner.Data.Blobs;

public sealed class BlobTooLargeException(long maxBytes)
    : IOException($"The content is larger than the blob store accepts ({maxBytes} bytes, Blobs:MaxBytes).")
{
    public long MaxBytes { get; } = maxBytes;
}
