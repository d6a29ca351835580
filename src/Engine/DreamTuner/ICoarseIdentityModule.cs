using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// A coarse-identity module (DreamTuner section 3.1): turns the reference images into tokens that the UNet attends
/// to with a strength beta (Eq. 1). Implemented by DreamTuner's subject-encoder (<see cref="SubjectEncoderIdentity"/>)
/// and, as an alternative with the same knob, IP-Adapter (<see cref="IPAdapter.IPAdapterIdentity"/>).
/// </summary>
public interface ICoarseIdentityModule : IDisposable
{
    /// <summary>Installs what the module needs in <paramref name="unet"/> for one generation; disposing restores it.</summary>
    IDisposable Activate(UNet2DConditionModel unet);

    /// <summary>
    /// Tokens [1, R * tokens, cross_attention_dim] from the reference images [R, 3, H, W] in [0, 1] and their
    /// foreground masks [R, 1, H, W]; the tokens of several references are concatenated on the token axis.
    /// </summary>
    Tensor EncodeReferences(Tensor images01, Tensor masks);

    /// <summary>Puts per-row tokens [B, T, D] and betas [B, 1, 1] into the context under the module's feature type.</summary>
    void AddTo(AttentionContext context, Tensor tokens, Tensor rowBeta);
}
