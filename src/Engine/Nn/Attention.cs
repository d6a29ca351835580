using DreamTuner.Engine.Lora;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// Multi-head attention with diffusers' weight names (<c>to_q</c>, <c>to_k</c>, <c>to_v</c>, <c>to_out.0</c>,
/// optional <c>group_norm</c>). The computation is delegated to <see cref="Processor"/>.
/// </summary>
public sealed class Attention : nn.Module
{
    private readonly Linear to_q;
    private readonly Linear to_k;
    private readonly Linear to_v;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> to_out;
    private readonly GroupNorm? group_norm;

    /// <param name="queryDim">Channels of the query source (and of the output).</param>
    /// <param name="crossAttentionDim">Channels of the key/value source; null for self-attention.</param>
    /// <param name="heads">Number of heads; each has <paramref name="dimHead"/> channels.</param>
    /// <param name="normNumGroups">When set, a GroupNorm runs on the input first (the VAE's attention).</param>
    public Attention(long queryDim, long? crossAttentionDim = null, int heads = 8, int dimHead = 64, bool bias = false,
        bool outBias = true, double dropout = 0.0, int? normNumGroups = null, double eps = 1e-5,
        bool residualConnection = false, double rescaleOutputFactor = 1.0) : base(nameof(Attention))
    {
        Heads = heads;
        DimHead = dimHead;
        IsCrossAttention = crossAttentionDim is not null;
        ResidualConnection = residualConnection;
        RescaleOutputFactor = rescaleOutputFactor;
        long inner = (long)heads * dimHead;
        long kvDim = crossAttentionDim ?? queryDim;
        to_q = nn.Linear(queryDim, inner, hasBias: bias);
        to_k = nn.Linear(kvDim, inner, hasBias: bias);
        to_v = nn.Linear(kvDim, inner, hasBias: bias);
        to_out = nn.ModuleList<nn.Module<Tensor, Tensor>>(nn.Linear(inner, queryDim, hasBias: outBias), nn.Dropout(dropout));
        group_norm = normNumGroups is { } g ? GroupNorms.Create(g, queryDim, eps) : null;
        RegisterComponents();
    }

    public int Heads { get; }
    public int DimHead { get; }
    public bool IsCrossAttention { get; }
    public bool ResidualConnection { get; }
    public double RescaleOutputFactor { get; }

    public Linear ToQ => to_q;
    public Linear ToK => to_k;
    public Linear ToV => to_v;
    public Linear ToOut => (Linear)to_out[0];

    /// <summary>LoRA adapters on <c>to_q</c>, <c>to_k</c>, <c>to_v</c>, <c>to_out.0</c> (not registered: no checkpoint keys).</summary>
    public LoraAdapterList LoraQ { get; } = new();
    public LoraAdapterList LoraK { get; } = new();
    public LoraAdapterList LoraV { get; } = new();
    public LoraAdapterList LoraOut { get; } = new();

    /// <summary>The query projection with its LoRA adapters; every processor projects through these four.</summary>
    public Tensor Q(Tensor x) => LoraQ.Call(to_q, x);
    public Tensor K(Tensor x) => LoraK.Call(to_k, x);
    public Tensor V(Tensor x) => LoraV.Call(to_v, x);
    public GroupNorm? GroupNorm => group_norm;

    /// <summary>Not a registered component: processors hold no checkpoint weights of this layer.</summary>
    public IAttentionProcessor Processor { get; set; } = AttnProcessor.Instance;

    public Tensor Forward(Tensor hiddenStates, Tensor? encoderHiddenStates = null, AttentionContext? context = null) =>
        Processor.Forward(this, hiddenStates, encoderHiddenStates, context);

    /// <summary>[B, L, heads*d] -> [B, heads, L, d].</summary>
    public Tensor SplitHeads(Tensor x)
    {
        var b = x.shape[0];
        return x.view(b, -1, Heads, x.shape[2] / Heads).transpose(1, 2);
    }

    /// <summary>[B, heads, L, d] -> [B, L, heads*d].</summary>
    public Tensor MergeHeads(Tensor x) => x.transpose(1, 2).reshape(x.shape[0], -1, x.shape[1] * x.shape[3]);

    /// <summary>The output projection <c>to_out.0</c> and its dropout <c>to_out.1</c>.</summary>
    public Tensor ProjectOut(Tensor x)
    {
        x = LoraOut.Call(ToOut, x);
        for (int i = 1; i < to_out.Count; i++)
            x = to_out[i].call(x);
        return x;
    }
}
