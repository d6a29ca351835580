namespace DreamTuner.Studio.Api;

/// <summary>A project image as the API lists it; its bytes are at <c>GET /api/images/{id}</c>.</summary>
public sealed record ApiImage(
    Guid Id, Guid GenerationId, int BatchIndex, int Width, int Height, long Seed, string Prompt, string? NegativePrompt,
    string Scheduler, int Steps, double GuidanceScale, string ModelId, DateTimeOffset CreatedAt);
