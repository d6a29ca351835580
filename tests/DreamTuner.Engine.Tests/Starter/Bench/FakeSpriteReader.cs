using DreamTuner.Engine.Starter.Evaluation;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Bench;

/// <summary>A reader whose readings the test decides: <c>read(call, index)</c> for image <c>index</c> of the <c>call</c>-th batch.</summary>
public sealed class FakeSpriteReader(Func<int, int, SpriteReading> read) : ISpriteReader
{
    public int Calls { get; private set; }

    public IReadOnlyList<SpriteReading> Read(Tensor images)
    {
        Assert.Equal(4, images.dim());
        Assert.Equal(3, images.shape[1]);
        Assert.InRange(images.min().item<float>(), 0f, 1f);
        Assert.InRange(images.max().item<float>(), 0f, 1f);
        int call = Calls++;
        return Enumerable.Range(0, (int)images.shape[0]).Select(i => read(call, i)).ToList();
    }
}
