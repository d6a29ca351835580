namespace DreamTuner.Data.Blobs;

/// <summary>A stored blob: its SHA-256 (lowercase hex), size in bytes, and the content type it was stored with.</summary>
public sealed record BlobRef(string Hash, long Size, string ContentType);
