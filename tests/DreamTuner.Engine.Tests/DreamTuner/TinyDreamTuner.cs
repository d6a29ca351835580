using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.DreamTuner;

/// <summary>The reference set's tiny random SD 1.5 (with its ControlNet) and small requests for DreamTuner tests.</summary>
public static class TinyDreamTuner
{
    public const int Size = 32;

    /// <summary>A fresh model per test: DreamTuner tests install layers and processors into the UNet.</summary>
    public static StableDiffusionModel Load() =>
        ModelLoader.Load(TestPaths.TinySd15, DeviceSpec.Cpu, controlNetDir: Path.Combine(TestPaths.TinySd15, "controlnet"));

    public static GenerationRequest Base(long seed = 7, int steps = 3) => new()
    {
        Prompt = "a photo of a dog",
        NegativePrompt = "blurry",
        Steps = steps,
        Seed = seed,
        Width = Size,
        Height = Size,
        GuidanceScale = 5.0,
    };

    public static DreamTunerReference Reference(long seed = 3, int width = Size, int height = Size, Tensor? mask = null)
    {
        var image = rand([1, 3, height, width], generator: new Generator((ulong)seed));
        return new DreamTunerReference(image, null, mask);
    }

    /// <summary>A mask with the subject in the centre square.</summary>
    public static Tensor CentreMask(int width = Size, int height = Size)
    {
        var mask = zeros(1, 1, height, width);
        mask[.., .., (height / 4)..(3 * height / 4), (width / 4)..(3 * width / 4)] = 1;
        return mask;
    }

    public static void AssertClose(Tensor expected, Tensor actual, double atol, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        // Relative to the tensor's scale: random tiny models produce values far from unit size.
        var scale = Math.Max(1.0, expected.to(float64).abs().max().item<double>());
        var diff = (expected.to(float64) - actual.to(float64)).abs().max().item<double>();
        Assert.True(diff <= atol * scale, $"{what}: max abs diff {diff:G4} > {atol:G3} x scale {scale:G4}");
    }
}
