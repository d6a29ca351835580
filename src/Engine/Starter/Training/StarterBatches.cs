using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Draws training batches from the world's training split. The examples of a step are chosen with the step's
/// generator, so a resumed run sees exactly the images the uninterrupted run saw; images are rendered on demand
/// (a 64x64 sprite takes about a millisecond) instead of being stored.
/// </summary>
public sealed class StarterBatches(StarterWorld world, int imageSize)
{
    /// <summary>Examples are indices 0..N-1 of the training split: far more than any run visits, so none repeats often.</summary>
    public const int IndexRange = 1 << 20;

    public StarterWorld World { get; } = world;
    public int ImageSize { get; } = imageSize;

    /// <summary>A batch of <paramref name="size"/> examples drawn uniformly from the training split.</summary>
    public StarterBatch Draw(int size, Generator generator) => Render(DrawIndices(size, generator));

    /// <summary>The training-split indices <see cref="Draw"/> renders (the same generator draws give the same indices).</summary>
    public long[] DrawIndices(int size, Generator generator) =>
        randint(0, IndexRange, [size], dtype: ScalarType.Int64, generator: generator).data<long>().ToArray();

    /// <summary>The captions of the given training-split indices (no rendering).</summary>
    public IReadOnlyList<string> Captions(IReadOnlyList<long> indices) =>
        indices.Select(i => StarterCaptions.Caption(World.TrainingExample(i))).ToList();

    /// <summary>The batch of the given training-split indices (for evaluation on fixed examples).</summary>
    public StarterBatch Render(IReadOnlyList<long> indices)
    {
        int n = indices.Count, pixels = ImageSize * ImageSize * 3;
        var images = new byte[n * pixels];
        var poses = new byte[n * pixels];
        var captions = new string[n];
        for (int i = 0; i < n; i++)
        {
            var example = World.TrainingExample(indices[i]);
            var rendering = StarterRenderer.Render(example, ImageSize);
            rendering.Image.CopyTo(images, i * pixels);
            rendering.Pose.CopyTo(poses, i * pixels);
            captions[i] = StarterCaptions.Caption(example);
        }
        return new StarterBatch(ToTensor(images, n) * (2.0 / 255) - 1, ToTensor(poses, n) / 255.0, captions);
    }

    /// <summary>
    /// The exact foreground masks [n, 1, H, W] in {0, 1} of the given training-split indices (the subject-encoder's
    /// background removal); rendered again, which costs about a millisecond per sprite.
    /// </summary>
    public Tensor Masks(IReadOnlyList<long> indices)
    {
        int n = indices.Count, pixels = ImageSize * ImageSize;
        var masks = new byte[n * pixels];
        for (int i = 0; i < n; i++)
            StarterRenderer.Render(World.TrainingExample(indices[i]), ImageSize).Mask.CopyTo(masks, i * pixels);
        return tensor(masks, dtype: ScalarType.Byte).view(n, 1, ImageSize, ImageSize).to(ScalarType.Float32) / 255.0;
    }

    /// <summary>Row-major RGB bytes (HWC) of <paramref name="n"/> images to float [n, 3, H, W] in 0..255.</summary>
    private Tensor ToTensor(byte[] rgb, int n) =>
        tensor(rgb, dtype: ScalarType.Byte).view(n, ImageSize, ImageSize, 3).permute(0, 3, 1, 2).to(ScalarType.Float32);
}
