using TorchSharp.Modules;

namespace DreamTuner.Engine.Lora;

/// <summary>
/// A projection that can carry LoRA adapters: its module path in the pipeline (e.g.
/// <c>unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q</c>,
/// <c>text_encoder.text_model.encoder.layers.0.self_attn.q_proj</c>), the layer and its adapter list.
/// </summary>
public sealed record LoraTarget(string Name, Linear Linear, LoraAdapterList Adapters)
{
    public const string UnetPrefix = "unet.";
    public const string TextEncoderPrefix = "text_encoder.";

    public long InFeatures => Linear.weight!.shape[1];
    public long OutFeatures => Linear.weight!.shape[0];
}
