using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>Reads starter-world attributes from images; SpriteBench scores generated images through it.</summary>
public interface ISpriteReader
{
    /// <summary>One reading per image of <paramref name="images"/>: <c>[N, 3, H, W]</c> float RGB in [0, 1].</summary>
    IReadOnlyList<SpriteReading> Read(Tensor images);
}
