using DreamTuner.Engine.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>The inputs the diffusion stages share: scaled VAE latents of a batch and its (partly dropped) captions' ids.</summary>
public static class StarterConditioning
{
    /// <summary>
    /// Token ids [B, tokenizer length (SD: 77)] of the captions, each replaced by the empty caption with probability
    /// <see cref="StarterTrainingContext.CaptionDropout"/> (drawn from the step's generator).
    /// </summary>
    public static Tensor CaptionIds(ClipTokenizer tokenizer, IReadOnlyList<string> captions, Generator generator)
    {
        var dropped = DroppedCaptions(captions.Count, generator);
        var kept = captions.Select((c, i) => dropped[i] ? "" : c).ToList();
        return tensor(tokenizer.EncodeBatch(kept));
    }

    /// <summary>
    /// Which of <paramref name="count"/> captions become the empty caption (probability
    /// <see cref="StarterTrainingContext.CaptionDropout"/>); one draw of the step's generator per caption.
    /// </summary>
    public static bool[] DroppedCaptions(int count, Generator generator) =>
        rand([count], generator: generator).data<float>().Select(u => u < StarterTrainingContext.CaptionDropout).ToArray();
}
