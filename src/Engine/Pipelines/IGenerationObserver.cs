using static TorchSharp.torch;

namespace DreamTuner.Engine.Pipelines;

/// <summary>
/// Sees the intermediate tensors of a generation that the step callback does not carry, for diagnostics and for
/// comparing a run with diffusers step by step. Every method has an empty default; the tensors are only valid
/// during the call (copy them to keep them) and must not be modified.
/// </summary>
public interface IGenerationObserver
{
    /// <summary>The text-encoder states fed to the UNet: [negative rows, positive rows] when guided.</summary>
    void OnPromptEmbeddings(Tensor embeddings) { }

    /// <summary>The scheduler's timesteps for the loop (after img2img strength trimming).</summary>
    void OnTimesteps(Tensor timesteps) { }

    /// <summary>
    /// The raw UNet output of step <paramref name="stepIndex"/> (0-based), before guidance is applied: the batch is
    /// [uncond, cond] when guided, as in diffusers' <c>noise_pred.chunk(2)</c>.
    /// </summary>
    void OnModelOutput(int stepIndex, Tensor output) { }
}
