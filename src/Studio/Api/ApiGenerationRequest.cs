using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Api;

/// <summary>The body of <c>POST /api/projects/{id}/generations</c>; omitted fields take the page's defaults.</summary>
public sealed record ApiGenerationRequest(
    string Prompt,
    string? NegativePrompt = null,
    int Steps = 25,
    string Scheduler = "dpmpp-2m-karras",
    double GuidanceScale = 7.5,
    long? Seed = null,
    int Width = 512,
    int Height = 512,
    int BatchSize = 1,
    string ModelId = NewGeneration.DefaultModelId);
