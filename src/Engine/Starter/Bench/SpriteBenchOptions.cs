namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// How big a SpriteBench run is. <see cref="Full"/> fits 30 minutes and <see cref="Quick"/> 3 minutes on two CPU
/// cores with the starter model (64 px images, 16x16 latents); every count is fixed so two runs see the same
/// subjects, prompts and seeds.
/// </summary>
public sealed record SpriteBenchOptions
{
    /// <summary>Quick mode: the quality bar and the training-free methods only.</summary>
    public bool IsQuick { get; init; }

    /// <summary>Held-out subjects, alternating held-out identity and held-out emblem.</summary>
    public int Subjects { get; init; } = 4;

    /// <summary>Target scenes (other scene, position, scale and pose) per subject.</summary>
    public int PromptsPerSubject { get; init; } = 4;

    /// <summary>
    /// Training identities generated from their captions for the quality bar. 96 (quick: 48), because with 16 or 24
    /// images the bar of one model swung by 5-10 points between guidance scales that change nothing on 96 (session 10).
    /// </summary>
    public int BarSamples { get; init; } = 96;

    public int SamplingSteps { get; init; } = 20;

    public double GuidanceScale { get; init; } = 7.5;

    /// <summary>Sampler of every generation (<see cref="Schedulers.SchedulerFactory.Names"/>); the studio's and the CLI's default.</summary>
    public string Scheduler { get; init; } = Schedulers.SchedulerFactory.DpmPlusPlus2MKarras;

    /// <summary>Fine-tuning steps of the DreamBooth-style and DreamTuner runs; the curve is read along the way.</summary>
    public int FineTuneSteps { get; init; } = 800;

    /// <summary>Textual inversion trains one row only and converges sooner.</summary>
    public int TextualInversionSteps { get; init; } = 300;

    /// <summary>Steps at which identity fidelity is measured during the fine-tune runs (the paper's Fig. 6 style curve).</summary>
    public IReadOnlyList<int> CurveSteps { get; init; } = [0, 100, 300, 800];

    /// <summary>Regular images per fine-tune (the paper uses 32; the CPU budget allows few).</summary>
    public int RegularImages { get; init; } = 4;

    public int RegularImageSteps { get; init; } = 10;

    /// <summary>Seed of the world the subjects and prompts come from (the starter model's world seed).</summary>
    public ulong WorldSeed { get; init; } = 0;

    /// <summary>First generation seed; image k of a run uses SeedBase + k.</summary>
    public long SeedBase { get; init; } = 1000;

    /// <summary>Image size of the world and of the generations.</summary>
    public int ImageSize { get; init; } = StarterRenderer.DefaultSize;

    public IReadOnlyList<SpriteBenchMethod> Methods { get; init; } = Enum.GetValues<SpriteBenchMethod>();

    public static SpriteBenchOptions Full { get; } = new();

    public static SpriteBenchOptions Quick { get; } = new()
    {
        IsQuick = true,
        Subjects = 2,
        PromptsPerSubject = 3,
        BarSamples = 48,
        CurveSteps = [],
        Methods = [SpriteBenchMethod.TextOnly, SpriteBenchMethod.SelfSubjectAttentionOnly, SpriteBenchMethod.SubjectEncoderOnly],
    };

    /// <summary>What quick mode leaves out, said in its report.</summary>
    public IReadOnlyList<string> LeftOut => IsQuick
        ? [
            "fine-tuned methods (textual inversion, DreamBooth-style, full DreamTuner)",
            "the convergence curve",
            $"subjects beyond {Subjects} and prompts beyond {PromptsPerSubject} per subject",
        ]
        : [];

    public SpriteBenchOptions Validate()
    {
        if (Subjects < 1) throw new ArgumentException($"at least one subject is needed, got {Subjects}.");
        if (PromptsPerSubject < 1) throw new ArgumentException($"at least one prompt per subject is needed, got {PromptsPerSubject}.");
        if (BarSamples < 1) throw new ArgumentException($"at least one quality-bar sample is needed, got {BarSamples}.");
        if (!(GuidanceScale >= 0) || double.IsInfinity(GuidanceScale)) throw new ArgumentException($"the guidance scale must be a number of at least 0, got {GuidanceScale}.");
        if (SamplingSteps < 1) throw new ArgumentException($"sampling steps must be at least 1, got {SamplingSteps}.");
        if (!Schedulers.SchedulerFactory.Names.Contains(Scheduler))
            throw new ArgumentException($"scheduler \"{Scheduler}\" does not exist; valid names: {string.Join(", ", Schedulers.SchedulerFactory.Names)}.");
        if (FineTuneSteps < 1 || TextualInversionSteps < 1) throw new ArgumentException("fine-tuning steps must be at least 1.");
        if (CurveSteps.Any(s => s < 0 || s > FineTuneSteps))
            throw new ArgumentException($"curve steps must lie in 0..{FineTuneSteps}, got {string.Join(", ", CurveSteps)}.");
        if (RegularImages < 1 || RegularImageSteps < 1) throw new ArgumentException("regular images and their steps must be at least 1.");
        if (Methods.Count == 0) throw new ArgumentException("at least one method is needed.");
        StarterRenderer.CheckSize(ImageSize);
        return this;
    }
}
