using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>MLP from timestep features to the embedding every resnet receives (<c>linear_1</c>, SiLU, <c>linear_2</c>).</summary>
public sealed class TimestepEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Linear linear_1;
    private readonly Linear linear_2;

    public TimestepEmbedding(int inChannels, int timeEmbedDim) : base(nameof(TimestepEmbedding))
    {
        linear_1 = nn.Linear(inChannels, timeEmbedDim);
        linear_2 = nn.Linear(timeEmbedDim, timeEmbedDim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor sample) =>
        linear_2.call(nn.functional.silu(linear_1.call(sample)));
}
