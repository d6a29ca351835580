using DreamTuner.Engine.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>The inputs the diffusion stages share: scaled VAE latents of a batch and its (partly dropped) captions' ids.</summary>
public static class StarterConditioning
{
    /// <summary>
    /// Token ids [B, 77] of the captions, each replaced by the empty caption with probability
    /// <see cref="StarterTrainingContext.CaptionDropout"/> (drawn from the step's generator).
    /// </summary>
    public static Tensor CaptionIds(ClipTokenizer tokenizer, IReadOnlyList<string> captions, Generator generator)
    {
        var keep = rand([captions.Count], generator: generator).data<float>().ToArray();
        var kept = captions.Select((c, i) => keep[i] < StarterTrainingContext.CaptionDropout ? "" : c).ToList();
        return tensor(tokenizer.EncodeBatch(kept));
    }
}
