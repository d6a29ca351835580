using static TorchSharp.torch;

namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>
/// One step's inputs: the diffusion targets (VAE latents of the un-augmented images, scaled), the subject-encoder's
/// CLIP pixels (augmented, background on white), the captions, and the depth maps with a per-row flag [B, 1, 1, 1]
/// (1 = the row has a depth map; rows without one get zeros and no ControlNet residual).
/// </summary>
public sealed record PretrainingBatch(Tensor Latents, Tensor EncoderPixels, IReadOnlyList<string> Captions, Tensor? Depth01, Tensor? DepthRows);
