using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>The feed-forward block of a CLIP encoder layer (transformers <c>CLIPMLP</c>).</summary>
public sealed class ClipMlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "fc1")] private readonly Linear _fc1;
    [ComponentName(Name = "fc2")] private readonly Linear _fc2;
    private readonly Func<Tensor, Tensor> _activation;

    public ClipMlp(IClipEncoderConfig config) : base(nameof(ClipMlp))
    {
        _activation = ClipActivation.Create(config.HiddenAct);
        _fc1 = nn.Linear(config.HiddenSize, config.IntermediateSize);
        _fc2 = nn.Linear(config.IntermediateSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return _fc2.forward(_activation(_fc1.forward(hidden))).MoveToOuterDisposeScope();
    }
}
