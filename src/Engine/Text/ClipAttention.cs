using DreamTuner.Engine.Lora;
using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>
/// CLIP's multi-head self-attention (transformers <c>CLIPAttention</c>): causal in the text tower, over all patches in
/// the vision tower.
/// </summary>
public sealed class ClipAttention : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "q_proj")] private readonly Linear _qProj;
    [ComponentName(Name = "k_proj")] private readonly Linear _kProj;
    [ComponentName(Name = "v_proj")] private readonly Linear _vProj;
    [ComponentName(Name = "out_proj")] private readonly Linear _outProj;
    private readonly int _heads;
    private readonly bool _causal;

    public ClipAttention(IClipEncoderConfig config, bool causal) : base(nameof(ClipAttention))
    {
        _heads = config.NumAttentionHeads;
        _causal = causal;
        _qProj = nn.Linear(config.HiddenSize, config.HiddenSize);
        _kProj = nn.Linear(config.HiddenSize, config.HiddenSize);
        _vProj = nn.Linear(config.HiddenSize, config.HiddenSize);
        _outProj = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    public Linear QProj => _qProj;
    public Linear KProj => _kProj;
    public Linear VProj => _vProj;
    public Linear OutProj => _outProj;

    /// <summary>LoRA adapters on <c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>out_proj</c> (not registered: no checkpoint keys).</summary>
    public LoraAdapterList LoraQ { get; } = new();
    public LoraAdapterList LoraK { get; } = new();
    public LoraAdapterList LoraV { get; } = new();
    public LoraAdapterList LoraOut { get; } = new();

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var (batch, length, channels) = (hidden.shape[0], hidden.shape[1], hidden.shape[2]);
        Tensor Heads(Tensor x) => x.view(batch, length, _heads, channels / _heads).transpose(1, 2);

        // SD conditions on every text position, padding included, so the causal mask is the only mask there is.
        var attended = nn.functional.scaled_dot_product_attention(
            Heads(LoraQ.Call(_qProj, hidden)), Heads(LoraK.Call(_kProj, hidden)), Heads(LoraV.Call(_vProj, hidden)),
            is_casual: _causal);
        var merged = attended.transpose(1, 2).reshape(batch, length, channels);
        return LoraOut.Call(_outProj, merged).MoveToOuterDisposeScope();
    }
}
