using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>Transformer MLP with GEGLU; <c>net.0</c> = GEGLU, <c>net.1</c> = dropout, <c>net.2</c> = output linear.</summary>
public sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> net;

    public FeedForward(long dim, int mult = 4, double dropout = 0.0) : base(nameof(FeedForward))
    {
        long inner = dim * mult;
        net = nn.ModuleList<nn.Module<Tensor, Tensor>>(new GEGLU(dim, inner), nn.Dropout(dropout), nn.Linear(inner, dim));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var m in net)
            x = m.call(x);
        return x.MoveToOuterDisposeScope();
    }
}
