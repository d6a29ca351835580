using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;

namespace DreamTuner.Engine.Lora;

/// <summary>
/// The projections LoRA adapts, as DreamBooth-LoRA and kohya's scripts do: the UNet attention projections
/// (<c>to_q</c>, <c>to_k</c>, <c>to_v</c>, <c>to_out.0</c> of <c>attn1</c>, <c>attn2</c> and, when installed,
/// DreamTuner's <c>attn_se</c>) and the text encoder's self-attention projections (<c>q_proj</c>, <c>k_proj</c>,
/// <c>v_proj</c>, <c>out_proj</c>). Names are module paths with <see cref="LoraTarget.UnetPrefix"/> or
/// <see cref="LoraTarget.TextEncoderPrefix"/>.
/// </summary>
public static class LoraTargets
{
    public static IReadOnlyList<LoraTarget> Find(StableDiffusionModel model) => [.. Find(model.Unet), .. Find(model.TextEncoder)];

    public static IReadOnlyList<LoraTarget> Find(UNet2DConditionModel unet)
    {
        var targets = new List<LoraTarget>();
        foreach (var (name, attn) in unet.AttentionModules)
        {
            var prefix = LoraTarget.UnetPrefix + name;
            targets.Add(new($"{prefix}.to_q", attn.ToQ, attn.LoraQ));
            targets.Add(new($"{prefix}.to_k", attn.ToK, attn.LoraK));
            targets.Add(new($"{prefix}.to_v", attn.ToV, attn.LoraV));
            targets.Add(new($"{prefix}.to_out.0", attn.ToOut, attn.LoraOut));
        }
        return targets;
    }

    public static IReadOnlyList<LoraTarget> Find(ClipTextModel textEncoder)
    {
        var targets = new List<LoraTarget>();
        foreach (var (name, module) in textEncoder.named_modules())
        {
            if (module is not ClipAttention attn) continue;
            var prefix = LoraTarget.TextEncoderPrefix + name;
            targets.Add(new($"{prefix}.q_proj", attn.QProj, attn.LoraQ));
            targets.Add(new($"{prefix}.k_proj", attn.KProj, attn.LoraK));
            targets.Add(new($"{prefix}.v_proj", attn.VProj, attn.LoraV));
            targets.Add(new($"{prefix}.out_proj", attn.OutProj, attn.LoraOut));
        }
        return targets;
    }
}
