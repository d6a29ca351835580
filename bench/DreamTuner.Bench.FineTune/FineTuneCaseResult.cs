using System.Text.Json.Serialization;

namespace DreamTuner.Bench.FineTune;

/// <summary>One measured fine-tuning case: seconds per optimiser step after the warm-up steps, and memory.</summary>
public sealed record FineTuneCaseResult
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("mode")] public required string Mode { get; init; }
    [JsonPropertyName("resolution_px")] public required int Resolution { get; init; }
    [JsonPropertyName("latent_size")] public required int LatentSize { get; init; }
    [JsonPropertyName("batch")] public int Batch { get; init; } = 2;
    [JsonPropertyName("trainable_parameters")] public required long TrainableParameters { get; init; }
    [JsonPropertyName("threads")] public required int Threads { get; init; }
    [JsonPropertyName("warmup_steps")] public required int WarmupSteps { get; init; }
    [JsonPropertyName("measured_steps")] public required int MeasuredSteps { get; init; }
    [JsonPropertyName("seconds_per_step")] public required double SecondsPerStep { get; init; }
    [JsonPropertyName("median_seconds_per_step")] public required double MedianSecondsPerStep { get; init; }
    [JsonPropertyName("min_seconds_per_step")] public required double MinSecondsPerStep { get; init; }

    /// <summary>/proc/loadavg before and after the case: figures from a shared machine mean little without it.</summary>
    [JsonPropertyName("load_average")] public required string LoadAverage { get; init; }
    [JsonPropertyName("step_seconds")] public required IReadOnlyList<double> StepSeconds { get; init; }

    /// <summary>Peak resident set while loading the model and generating the regular images.</summary>
    [JsonPropertyName("peak_rss_setup_mb")] public required double PeakRssSetupMb { get; init; }

    /// <summary>Peak resident set from the end of the regular images to the end of training (the fine-tuning itself).</summary>
    [JsonPropertyName("peak_rss_training_mb")] public required double PeakRssTrainingMb { get; init; }

    [JsonPropertyName("note")] public string? Note { get; init; }
}
