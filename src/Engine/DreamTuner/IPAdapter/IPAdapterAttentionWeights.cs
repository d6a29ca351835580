using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner.IPAdapter;

/// <summary>The extra key/value projections of one decoupled cross-attention layer: <c>to_k_ip</c>, <c>to_v_ip</c> (no bias).</summary>
public sealed class IPAdapterAttentionWeights : nn.Module
{
    [ComponentName(Name = "to_k_ip")] private readonly Linear _toK;
    [ComponentName(Name = "to_v_ip")] private readonly Linear _toV;

    public IPAdapterAttentionWeights(int crossAttentionDim, int innerDim) : base(nameof(IPAdapterAttentionWeights))
    {
        _toK = nn.Linear(crossAttentionDim, innerDim, hasBias: false);
        _toV = nn.Linear(crossAttentionDim, innerDim, hasBias: false);
        RegisterComponents();
    }

    public Linear ToK => _toK;
    public Linear ToV => _toV;
}
