using static TorchSharp.torch;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// The diffusers-layout state dicts taken out of one single-file (LDM layout) Stable Diffusion checkpoint.
/// The tensors share storage with the checkpoint's tensors but are separate handles: disposing either side
/// does not invalidate the other.
/// </summary>
public sealed record SingleFileComponents(
    Dictionary<string, Tensor> Unet,
    Dictionary<string, Tensor> Vae,
    Dictionary<string, Tensor> TextEncoder);
