using DreamTuner.Engine.Vision;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Vision;

/// <summary>A tiny CLIP vision tower with random weights: no real CLIP weights can be had on this machine.</summary>
public static class TinyClipVision
{
    public static ClipVisionConfig Config { get; } = new()
    {
        HiddenSize = 32,
        IntermediateSize = 64,
        NumHiddenLayers = 5,
        NumAttentionHeads = 4,
        ImageSize = 32,
        PatchSize = 8,
        ProjectionDim = 16,
    };

    /// <summary>Patch tokens plus the class token for <see cref="Config"/>.</summary>
    public const int Tokens = 17;

    public static ClipVisionModel Create(long seed, ClipVisionConfig? config = null, bool withProjection = true)
    {
        var model = new ClipVisionModel(config ?? Config, withProjection);
        Randomise(model, seed);
        model.eval();
        return model;
    }

    /// <summary>
    /// Every parameter drawn afresh, norm weights around 1 and biases non-zero, so that no part of the forward pass
    /// (LayerNorm affine, biases, class token) can be skipped without a test noticing.
    /// </summary>
    public static void Randomise(nn.Module module, long seed)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (name, parameter) in module.named_parameters())
        {
            var noise = randn(parameter.shape, generator: generator) * 0.2;
            var isNormWeight = name.Contains("norm") && name.EndsWith(".weight");
            parameter.copy_(isNormWeight ? noise + 1 : noise);
        }
    }

    public static Tensor RandomPixels(long seed, int batch = 2, int size = 32)
    {
        var generator = new Generator((ulong)seed);
        return randn(batch, 3, size, size, generator: generator);
    }
}
