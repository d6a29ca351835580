using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// DreamTuner's subject-encoder as a coarse-identity module: the frozen CLIP image encoder, the trained ResBlocks
/// (<see cref="DreamTuner.SubjectEncoder"/>), and the S-E-A layers already installed in the UNet's transformer blocks
/// by <see cref="SubjectEncoderFile.Load"/>. The reference reaches CLIP on a white background (section 3.1).
/// </summary>
public sealed class SubjectEncoderIdentity(SubjectEncoder encoder, ClipVisionModel clip) : ICoarseIdentityModule
{
    public SubjectEncoder Encoder { get; } = encoder;
    public ClipVisionModel Clip { get; } = clip;

    // The S-E-A slots are inert without SubjectTokens in the context, so nothing to switch per generation.
    public IDisposable Activate(UNet2DConditionModel unet) => NoOpRestore.Instance;

    public Tensor EncodeReferences(Tensor images01, Tensor masks)
    {
        using var scope = NewDisposeScope();
        var device = Encoder.parameters().First().device;
        var pixels = SubjectEncoder.PrepareReference(images01, masks, ClipImagePreprocessor.For(Clip.Config)).to(device);
        var tokens = Encoder.Encode(Clip, pixels);
        return tokens.reshape(1, -1, tokens.shape[2]).MoveToOuterDisposeScope();
    }

    public void AddTo(AttentionContext context, Tensor tokens, Tensor rowBeta) => context.Set(new SubjectTokens(tokens, rowBeta));

    public void Dispose()
    {
        Encoder.Dispose();
        Clip.Dispose();
    }
}
