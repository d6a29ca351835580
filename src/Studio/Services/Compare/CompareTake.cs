namespace DreamTuner.Studio.Services.Compare;

/// <summary>One generated image in a comparison, with its settings as named, display-ready values in a fixed order.</summary>
public sealed record CompareTake(Guid ImageId, Guid GenerationId, string Prompt, int Width, int Height, IReadOnlyList<TakeSetting> Settings);
