namespace DreamTuner.Engine.Starter.Bench;

/// <summary>Everything one SpriteBench run measured; results.md and results.json are written from it.</summary>
public sealed record SpriteBenchReport
{
    public required string Mode { get; init; }
    public required string Model { get; init; }
    public required int Subjects { get; init; }
    public required int PromptsPerSubject { get; init; }
    public required int SamplingSteps { get; init; }
    public string Scheduler { get; init; } = Schedulers.SchedulerFactory.DpmPlusPlus2MKarras;
    public required IReadOnlyList<SpriteBenchRow> Rows { get; init; }

    /// <summary>The reader on the ground-truth renders of the same targets: the best any method can score.</summary>
    public required SpriteBenchRow ReaderCeiling { get; init; }

    public required QualityBarResult QualityBar { get; init; }

    /// <summary>The bar's targets read without the UNet (null in reports made without a model VAE, e.g. some tests).</summary>
    public QualityBarCeilings? QualityBarCeilings { get; init; }
    public IReadOnlyList<SpriteBenchCurvePoint> Curve { get; init; } = [];

    /// <summary>Seconds per phase (loading, each method, scoring, writing).</summary>
    public required IReadOnlyDictionary<string, double> Timings { get; init; }

    public double TotalSeconds { get; init; }
    public IReadOnlyList<string> LeftOut { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
}
