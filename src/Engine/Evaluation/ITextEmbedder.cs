namespace DreamTuner.Engine.Evaluation;

/// <summary>Turns a text into a feature vector in the same space as an <see cref="IImageEmbedder"/> (CLIP-T).</summary>
public interface ITextEmbedder
{
    float[] Embed(string text);
}
