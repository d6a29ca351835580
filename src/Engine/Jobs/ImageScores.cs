namespace DreamTuner.Engine.Jobs;

/// <summary>
/// The evaluation scores of one generated image: identity (ResNet-18 cosine to the characters' references, the lowest
/// over the characters) and prompt (CLIP-T cosine to the prompt); null when the generation or the models do not allow it.
/// </summary>
public sealed record ImageScores(double? Identity, double? Prompt)
{
    public static readonly ImageScores None = new(null, null);
}
