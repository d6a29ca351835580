namespace DreamTuner.Data.Entities;

public class Image
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid GenerationId { get; set; }

    public Generation? Generation { get; set; }

    /// <summary>
    /// Position within the generation's batch; unique per generation, so a job re-run after a crash
    /// cannot store a second image for the same slot.
    /// </summary>
    public int BatchIndex { get; set; }

    public string BlobHash { get; set; } = "";

    public Blob? Blob { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public long Seed { get; set; }

    /// <summary>Human-readable parameters, as written into the PNG's text chunk.</summary>
    public string? Metadata { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Review> Reviews { get; set; } = [];

    public List<Comment> Comments { get; set; } = [];
}
