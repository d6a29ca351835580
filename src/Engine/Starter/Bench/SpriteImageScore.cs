namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// The scores of one generated image. Identity is the fraction of the subject's attributes read back; the prompt
/// scores are 1 or 0 per image; the similarity scores are cosines (CLIP-I and ResNet-18 on the subject's region,
/// CLIP-T on the whole image), null when not measured (the quality bar has no reference image).
/// </summary>
public sealed record SpriteImageScore
{
    public required string Subject { get; init; }
    public required double IdentityAccuracy { get; init; }
    public required double EmblemMatch { get; init; }
    public required IReadOnlyDictionary<string, bool> Identity { get; init; }
    public required IReadOnlyDictionary<string, bool> Prompt { get; init; }
    public double? ClipI { get; init; }
    public double? ClipT { get; init; }
    public double? ResNet { get; init; }

    /// <summary>Fraction of scene, position, scale and pose read as asked.</summary>
    public double PromptAccuracy => Prompt.Count == 0 ? 0 : Prompt.Values.Count(v => v) / (double)Prompt.Count;

    public double PromptAttribute(string name) => Prompt.TryGetValue(name, out var ok) && ok ? 1 : 0;
}
