using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>Gated GELU: one projection to twice the width, split into value and (exact-GELU) gate.</summary>
public sealed class GEGLU : nn.Module<Tensor, Tensor>
{
    private readonly Linear proj;

    public GEGLU(long dimIn, long dimOut) : base(nameof(GEGLU))
    {
        proj = nn.Linear(dimIn, dimOut * 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var chunks = proj.call(input).chunk(2, -1);
        return (chunks[0] * nn.functional.gelu(chunks[1])).MoveToOuterDisposeScope();
    }
}
