namespace DreamTuner.Data.Entities;

/// <summary>One user's judgement of one image (unique per image and user).</summary>
public class Review
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ImageId { get; set; }

    public Image? Image { get; set; }

    public Guid UserId { get; set; }

    public StudioUser? User { get; set; }

    public ReviewVerdict Verdict { get; set; }

    /// <summary>1 to 5 stars.</summary>
    public int Rating { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }
}
