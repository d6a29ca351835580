using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>One pre-norm transformer layer of a CLIP tower (transformers <c>CLIPEncoderLayer</c>).</summary>
public sealed class ClipEncoderLayer : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "self_attn")] private readonly ClipAttention _selfAttn;
    [ComponentName(Name = "layer_norm1")] private readonly LayerNorm _layerNorm1;
    [ComponentName(Name = "mlp")] private readonly ClipMlp _mlp;
    [ComponentName(Name = "layer_norm2")] private readonly LayerNorm _layerNorm2;

    public ClipEncoderLayer(IClipEncoderConfig config, bool causal) : base(nameof(ClipEncoderLayer))
    {
        _selfAttn = new ClipAttention(config, causal);
        _layerNorm1 = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        _mlp = new ClipMlp(config);
        _layerNorm2 = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var afterAttention = hidden + _selfAttn.forward(_layerNorm1.forward(hidden));
        return (afterAttention + _mlp.forward(_layerNorm2.forward(afterAttention))).MoveToOuterDisposeScope();
    }
}
