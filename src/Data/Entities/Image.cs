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

    /// <summary>
    /// ResNet-18 cosine between the image and its characters' reference subjects (the lowest over the characters);
    /// null for generations without characters or when the engine has no ResNet-18.
    /// </summary>
    public double? IdentityScore { get; set; }

    /// <summary>CLIP-T: cosine of the image's and the prompt's CLIP embeddings; null when the model has no <c>clip/</c>.</summary>
    public double? PromptScore { get; set; }

    public List<Review> Reviews { get; set; } = [];

    public List<Comment> Comments { get; set; } = [];
}
