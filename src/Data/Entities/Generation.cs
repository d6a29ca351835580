namespace DreamTuner.Data.Entities;

/// <summary>One generation request with every parameter needed to reproduce it, plus its job state.</summary>
public class Generation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProjectId { get; set; }

    public Project? Project { get; set; }

    public string Prompt { get; set; } = "";

    public string? NegativePrompt { get; set; }

    public long Seed { get; set; }

    public SchedulerKind Scheduler { get; set; }

    public int Steps { get; set; }

    public double GuidanceScale { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public int BatchSize { get; set; } = 1;

    /// <summary>Image-to-image source; null for text-to-image.</summary>
    public string? InitImageHash { get; set; }

    public Blob? InitImage { get; set; }

    /// <summary>How much of the init image is noised away, in [0, 1].</summary>
    public double? InitStrength { get; set; }

    public ControlType? ControlType { get; set; }

    public string? ControlImageHash { get; set; }

    public Blob? ControlImage { get; set; }

    /// <summary>DreamTuner: weight beta of the subject-encoder attention output.</summary>
    public double SubjectEncoderBeta { get; set; }

    /// <summary>DreamTuner: w_ref, the bias added to reference keys in self-subject-attention.</summary>
    public double ReferenceAttentionWeight { get; set; }

    /// <summary>DreamTuner: the reference guidance scale of the interleaved guidance.</summary>
    public double ReferenceGuidance { get; set; }

    /// <summary>DreamTuner: restrict self-subject-attention to the reference foreground mask.</summary>
    public bool UseMask { get; set; }

    /// <summary>DreamTuner: p_r, the probability per step of the reference-guided form (Eq. 6).</summary>
    public double ReferenceProbability { get; set; } = 0.9;

    /// <summary>DreamTuner: Delta-t, training timesteps by which the reference is noised less (Eq. 4/5 positive term).</summary>
    public double ReferenceDeltaT { get; set; } = 20;

    /// <summary>DreamTuner: Delta-t', training timesteps by which the reference is noised more (Eq. 5 negative term).</summary>
    public double ReferenceDeltaTPrime { get; set; } = 20;

    /// <summary>DreamTuner: the caption the reference rows are denoised with; null uses the prompt.</summary>
    public string? ReferencePrompt { get; set; }

    /// <summary>ControlNet: the weight of its residuals.</summary>
    public double ControlScale { get; set; } = 1;

    /// <summary>ControlNet: the fraction of the steps at which it starts acting.</summary>
    public double ControlStart { get; set; }

    /// <summary>ControlNet: the fraction of the steps at which it stops acting.</summary>
    public double ControlEnd { get; set; } = 1;

    /// <summary>The base model the engine loads (a folder name under Engine:ModelsRoot).</summary>
    public string ModelId { get; set; } = "";

    /// <summary>
    /// The characters the prompt uses, as a uuid[] rather than a join table: this is a record of what
    /// was asked, so it must survive a character being deleted later.
    /// </summary>
    public List<Guid> CharacterIds { get; set; } = [];

    public JobStatus Status { get; set; }

    /// <summary>Place in the queue while Queued (1 = next); null otherwise.</summary>
    public int? QueuePosition { get; set; }

    public int ProgressStep { get; set; }

    public int ProgressTotal { get; set; }

    /// <summary>When the engine expects to finish; null when unknown.</summary>
    public DateTimeOffset? EstimatedFinishAt { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// What the engine had to fall back on for a generation that succeeded (no subject-encoder installed, no mask, a
    /// small reference), in words for people; written with Succeeded.
    /// </summary>
    public List<string> Warnings { get; set; } = [];

    /// <summary>Shared by the generations of one batch or parameter sweep, so they are shown together.</summary>
    public Guid? GroupId { get; set; }

    /// <summary>The storyboard panel this generation renders: its images become the panel's takes.</summary>
    public Guid? PanelId { get; set; }

    public Panel? Panel { get; set; }

    /// <summary>
    /// DreamTuner: one more reference image besides the characters' (the previous panel's chosen take, for continuity);
    /// a blob hash, null for none.
    /// </summary>
    public string? ExtraReferenceHash { get; set; }

    public Blob? ExtraReference { get; set; }

    public Guid? RequestedById { get; set; }

    public StudioUser? RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? HangfireJobId { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }

    public List<Image> Images { get; set; } = [];
}
