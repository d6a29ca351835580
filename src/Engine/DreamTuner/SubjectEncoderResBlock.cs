using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// One of the subject-encoder's ResBlocks. The paper only says ResBlocks provide "domain shift" between CLIP features
/// and the UNet; it does not define them. Because the features are a token sequence, not a feature map, this is the
/// pre-norm residual MLP of a transformer: x + fc2(GELU(fc1(LayerNorm(x)))). Keys: <c>norm</c>, <c>fc1</c>, <c>fc2</c>.
/// </summary>
public sealed class SubjectEncoderResBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "norm")] private readonly LayerNorm _norm;
    [ComponentName(Name = "fc1")] private readonly Linear _fc1;
    [ComponentName(Name = "fc2")] private readonly Linear _fc2;

    public SubjectEncoderResBlock(int width, int hiddenWidth, double layerNormEps) : base(nameof(SubjectEncoderResBlock))
    {
        _norm = nn.LayerNorm(width, layerNormEps);
        _fc1 = nn.Linear(width, hiddenWidth);
        _fc2 = nn.Linear(hiddenWidth, width);
        // A new block starts as the identity, so stacking blocks on a trained projection does not disturb it
        // and early training is not dominated by random residuals.
        using (no_grad())
        {
            nn.init.zeros_(_fc2.weight!);
            nn.init.zeros_(_fc2.bias!);
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var residual = _fc2.forward(nn.functional.gelu(_fc1.forward(_norm.forward(tokens))));
        return (tokens + residual).MoveToOuterDisposeScope();
    }
}
