namespace DreamTuner.Data.Entities;

/// <summary>A threaded comment on an image, optionally pinned to a point of it.</summary>
public class Comment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ImageId { get; set; }

    public Image? Image { get; set; }

    /// <summary>Null once the author's account is deleted; the thread keeps the comment.</summary>
    public Guid? AuthorId { get; set; }

    public StudioUser? Author { get; set; }

    public Guid? ParentId { get; set; }

    public Comment? Parent { get; set; }

    public List<Comment> Replies { get; set; } = [];

    public string Body { get; set; } = "";

    /// <summary>Horizontal pin position as a fraction of the image width, in [0, 1]; set together with PinY.</summary>
    public double? PinX { get; set; }

    /// <summary>Vertical pin position as a fraction of the image height, in [0, 1]; set together with PinX.</summary>
    public double? PinY { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>Soft delete: a deleted comment keeps its row so its replies keep their place in the thread.</summary>
    public bool IsDeleted { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }
}
