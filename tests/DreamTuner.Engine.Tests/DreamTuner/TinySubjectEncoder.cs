using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Tests.Vision;
using DreamTuner.Engine.Unet;

namespace DreamTuner.Engine.Tests.DreamTuner;

/// <summary>A tiny subject-encoder for the tiny UNet (cross_attention_dim 32) on <see cref="TinyClipVision"/>.</summary>
public static class TinySubjectEncoder
{
    public static SubjectEncoderConfig Config { get; } = new()
    {
        LayerIndices = [5, 1, 3],
        ClipHiddenSize = TinyClipVision.Config.HiddenSize,
        CrossAttentionDim = 32,
        NumResBlocks = 1,
        ResBlockExpansion = 2,
    };

    /// <summary>
    /// Installs S-E-A layers in <paramref name="unet"/> with random (non-zero) weights, so that the layers change the
    /// output when beta is not 0, and writes them with a random encoder to a file; returns its path.
    /// </summary>
    public static string WriteRandomFile(UNet2DConditionModel unet, string dir, long seed = 4)
    {
        var encoder = new SubjectEncoder(Config with { CrossAttentionDim = unet.Config.CrossAttentionDim.Values[0] });
        TinyClipVision.Randomise(encoder, seed);
        foreach (var (_, block) in SubjectEncoderFile.TransformerBlocks(unet))
        {
            block.InstallSubjectAttention(unet.Config.CrossAttentionDim.Values[0]);
            TinyClipVision.Randomise(block.SubjectAttention!, seed + 1);
        }
        var path = Path.Combine(dir, "subject_encoder.safetensors");
        SubjectEncoderFile.Save(path, encoder, unet);
        return path;
    }
}
