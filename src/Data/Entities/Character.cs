namespace DreamTuner.Data.Entities;

/// <summary>A subject the studio learns from one reference image and then places in new scenes.</summary>
public class Character
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProjectId { get; set; }

    public Project? Project { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The coarse class word the subject belongs to ("dog", "girl"), used in prompts beside the token.</summary>
    public string ClassWord { get; set; } = "";

    /// <summary>The learned placeholder token that stands for this subject in prompts, such as "[S*]".</summary>
    public string Token { get; set; } = "";

    public string ReferenceImageHash { get; set; } = "";

    public Blob? ReferenceImage { get; set; }

    /// <summary>Foreground mask of the reference image; null until segmented or painted.</summary>
    public string? MaskHash { get; set; }

    public Blob? Mask { get; set; }

    /// <summary>Where <see cref="MaskHash"/> came from; null without a mask, and for masks made before this was recorded.</summary>
    public MaskSource? MaskSource { get; set; }

    public string? Caption { get; set; }

    public Guid? ActiveFineTuneId { get; set; }

    public FineTune? ActiveFineTune { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }

    public List<FineTune> FineTunes { get; set; } = [];
}
