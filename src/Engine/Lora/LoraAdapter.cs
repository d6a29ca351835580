using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Lora;

/// <summary>
/// A low-rank adapter (LoRA, Hu et al. 2021) on one linear projection: <c>y = W x + (alpha / rank) · up(down(x))</c>,
/// with <c>down</c> [rank, in] and <c>up</c> [out, rank]. <c>up</c> starts at zero, so a fresh adapter leaves the
/// model unchanged. The adapter is not a submodule of the model it adapts: base state dicts stay clean and several
/// adapters (several characters) can sit on one projection.
/// </summary>
public sealed class LoraAdapter : IDisposable
{
    public LoraAdapter(Tensor down, Tensor up, double alpha)
    {
        if (down.dim() != 2 || up.dim() != 2 || up.shape[1] != down.shape[0])
            throw new ArgumentException($"LoRA down [{string.Join(", ", down.shape)}] and up [{string.Join(", ", up.shape)}] do not fit together.");
        Down = new Parameter(down.detach().clone().DetachFromDisposeScope(), true);
        Up = new Parameter(up.detach().clone().DetachFromDisposeScope(), true);
        Alpha = alpha;
    }

    /// <summary>A fresh adapter: down ~ N(0, 1/rank²) from <paramref name="generator"/> (as kohya's scripts), up = 0.</summary>
    public static LoraAdapter Create(long inFeatures, long outFeatures, int rank, double alpha, Generator generator)
    {
        if (rank < 1) throw new ArgumentException($"LoRA rank must be at least 1, got {rank}.");
        using var scope = NewDisposeScope();
        var down = randn([rank, inFeatures], generator: generator) / rank;
        return new LoraAdapter(down, zeros(outFeatures, rank), alpha);
    }

    public Parameter Down { get; }
    public Parameter Up { get; }
    public double Alpha { get; }
    public int Rank => (int)Down.shape[0];
    public double Scale => Alpha / Rank;

    /// <summary>Set while the adapter's delta is folded into the weight (see <see cref="Merge"/>).</summary>
    public bool IsMerged { get; private set; }

    /// <summary>The adapter's contribution for input <paramref name="x"/> [..., in].</summary>
    public Tensor Delta(Tensor x)
    {
        var h = nn.functional.linear(x, Down.to(x.dtype, x.device));
        return nn.functional.linear(h, Up.to(x.dtype, x.device)) * Scale;
    }

    /// <summary>scale · up @ down [out, in], the change this adapter makes to the weight.</summary>
    public Tensor WeightDelta() => (Up.detach().to(ScalarType.Float32).matmul(Down.detach().to(ScalarType.Float32)) * Scale);

    /// <summary>W += scale · up @ down. A merged adapter must not also run on the fly (the projection skips it).</summary>
    public void Merge(Linear linear)
    {
        if (IsMerged) return;
        AddToWeight(linear, 1);
        IsMerged = true;
    }

    /// <summary>W -= scale · up @ down (exact up to float rounding).</summary>
    public void Unmerge(Linear linear)
    {
        if (!IsMerged) return;
        AddToWeight(linear, -1);
        IsMerged = false;
    }

    private void AddToWeight(Linear linear, double sign)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var w = linear.weight!;
        w.copy_((w.to(ScalarType.Float32) + sign * WeightDelta().to(w.device)).to(w.dtype));
    }

    public void Dispose()
    {
        Down.Dispose();
        Up.Dispose();
    }
}
