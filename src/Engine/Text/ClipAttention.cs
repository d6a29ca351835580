using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>CLIP's causal multi-head self-attention (transformers <c>CLIPAttention</c>).</summary>
public sealed class ClipAttention : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "q_proj")] private readonly Linear _qProj;
    [ComponentName(Name = "k_proj")] private readonly Linear _kProj;
    [ComponentName(Name = "v_proj")] private readonly Linear _vProj;
    [ComponentName(Name = "out_proj")] private readonly Linear _outProj;
    private readonly int _heads;

    public ClipAttention(ClipTextConfig config) : base(nameof(ClipAttention))
    {
        _heads = config.NumAttentionHeads;
        _qProj = nn.Linear(config.HiddenSize, config.HiddenSize);
        _kProj = nn.Linear(config.HiddenSize, config.HiddenSize);
        _vProj = nn.Linear(config.HiddenSize, config.HiddenSize);
        _outProj = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var (batch, length, channels) = (hidden.shape[0], hidden.shape[1], hidden.shape[2]);
        Tensor Heads(Tensor x) => x.view(batch, length, _heads, channels / _heads).transpose(1, 2);

        // SD conditions on every position, padding included, so only the causal mask applies.
        var attended = nn.functional.scaled_dot_product_attention(
            Heads(_qProj.forward(hidden)), Heads(_kProj.forward(hidden)), Heads(_vProj.forward(hidden)),
            is_casual: true);
        var merged = attended.transpose(1, 2).reshape(batch, length, channels);
        return _outProj.forward(merged).MoveToOuterDisposeScope();
    }
}
