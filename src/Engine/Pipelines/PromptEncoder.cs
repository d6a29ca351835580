using DreamTuner.Engine.Text;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Pipelines;

/// <summary>Turns prompts into text-encoder states, as diffusers' <c>encode_prompt</c> does.</summary>
public static class PromptEncoder
{
    /// <summary>Embeddings [n, tokenizer length (SD: 77), D] of one prompt repeated n times, on the text encoder's device and dtype.</summary>
    public static Tensor Encode(ClipTokenizer tokenizer, ClipTextModel textEncoder, string prompt, int n, Device device, int clipSkip = 0)
    {
        using var scope = NewDisposeScope();
        var ids = tensor(tokenizer.Encode(prompt), dtype: ScalarType.Int64, device: device).unsqueeze(0);
        var states = textEncoder.EncodePrompt(ids, clipSkip);
        return states.repeat(n, 1, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Classifier-free guidance batch in diffusers' order: negative rows first, then positive
    /// (<c>torch.cat([negative_prompt_embeds, prompt_embeds])</c>).
    /// </summary>
    public static Tensor EncodeForGuidance(ClipTokenizer tokenizer, ClipTextModel textEncoder, string prompt, string negativePrompt,
        int n, Device device, int clipSkip = 0)
    {
        using var scope = NewDisposeScope();
        var negative = Encode(tokenizer, textEncoder, negativePrompt, n, device, clipSkip);
        var positive = Encode(tokenizer, textEncoder, prompt, n, device, clipSkip);
        return cat([negative, positive], 0).MoveToOuterDisposeScope();
    }
}
