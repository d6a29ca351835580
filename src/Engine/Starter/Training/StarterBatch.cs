using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// One training batch of the world: images [B, 3, H, W] in [-1, 1] (the VAE's range), pose images [B, 3, H, W] in
/// [0, 1] (the ControlNet's range) and one caption per image.
/// </summary>
public sealed record StarterBatch(Tensor Images, Tensor Poses, IReadOnlyList<string> Captions);
