namespace DreamTuner.Data.Entities;

/// <summary>
/// Metadata of a content-addressed file in the blob store. Rows are shared between projects and never
/// cascade-deleted; unreferenced bytes are garbage-collected separately.
/// </summary>
public class Blob
{
    /// <summary>SHA-256 of the bytes, 64 lowercase hex digits.</summary>
    public string Hash { get; set; } = "";

    public long Size { get; set; }

    public string ContentType { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
