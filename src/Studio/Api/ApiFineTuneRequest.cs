namespace DreamTuner.Studio.Api;

/// <summary>
/// The body of <c>POST /api/projects/{projectId}/characters/{characterId}/fine-tunes</c>: a preset ("quick" 300,
/// "standard" 800, "thorough" 1200 steps) and optional advanced overrides (null = the preset's value).
/// </summary>
public sealed record ApiFineTuneRequest(
    string Preset = "standard",
    string? Mode = null,
    int? Steps = null,
    double? LearningRate = null,
    int? Rank = null,
    int? RegularImages = null,
    long? Seed = null,
    string? ModelId = null);
