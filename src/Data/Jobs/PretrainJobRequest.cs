namespace DreamTuner.Data.Jobs;

/// <summary>
/// One subject-encoder pretraining run. Paths are checked twice: <see cref="Problems"/> here (shape only, so the studio
/// can refuse a bad request before enqueuing) and by the engine against its own folders, which only it can see.
/// </summary>
public sealed record PretrainJobRequest
{
    public const string DefaultOutputName = "subject_encoder.safetensors";

    /// <summary>A model folder under Engine:ModelsRoot, as for generations ("starter").</summary>
    public required string ModelId { get; init; }

    /// <summary>The image folder: relative to Engine:ModelsRoot, or an absolute path the worker can read.</summary>
    public required string DatasetFolder { get; init; }

    /// <summary>File name inside the model's <c>subject_encoder/</c> folder; the config json is written beside it.</summary>
    public string OutputName { get; init; } = DefaultOutputName;

    public int Steps { get; init; } = 1000;
    public int BatchSize { get; init; } = 1;
    public double LearningRate { get; init; } = 1e-5;
    public long Seed { get; init; }
    public int CheckpointEvery { get; init; } = 100;

    /// <summary>Square training resolution in pixels; null = the model's default output size.</summary>
    public int? Resolution { get; init; }

    /// <summary>CLIP image encoder folder (same rules as <see cref="DatasetFolder"/>); null = the model's <c>image_encoder/</c>.</summary>
    public string? ImageEncoderFolder { get; init; }

    /// <summary>Frozen depth ControlNet folder (same rules as <see cref="DatasetFolder"/>), used for images with a depth map.</summary>
    public string? DepthControlNetFolder { get; init; }

    /// <summary>Every problem with the request's shape, each a sentence; empty when it may be enqueued.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelId)) problems.Add("Name a model (a folder under the engine's models folder).");
        if (string.IsNullOrWhiteSpace(DatasetFolder)) problems.Add("Name the dataset folder.");
        if (string.IsNullOrWhiteSpace(OutputName) || OutputName.IndexOfAny(['/', '\\', ':']) >= 0 || OutputName is "." or ".."
            || !OutputName.EndsWith(".safetensors", StringComparison.Ordinal))
            problems.Add($"The output name must be a plain file name ending in .safetensors, got \"{OutputName}\".");
        if (Steps < 1) problems.Add($"Steps must be at least 1, got {Steps}.");
        if (BatchSize < 1) problems.Add($"The batch size must be at least 1, got {BatchSize}.");
        if (!(LearningRate > 0)) problems.Add($"The learning rate must be positive, got {LearningRate}.");
        if (CheckpointEvery < 1) problems.Add($"The checkpoint interval must be at least 1, got {CheckpointEvery}.");
        if (Resolution is { } r && (r < 8 || r % 8 != 0)) problems.Add($"The resolution must be a multiple of 8, got {r}.");
        return problems;
    }
}
