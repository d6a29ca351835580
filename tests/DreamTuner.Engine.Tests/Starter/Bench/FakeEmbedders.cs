using System.IO.Hashing;
using System.Text;
using DreamTuner.Engine.Evaluation;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Bench;

/// <summary>Mean colour and brightness spread of an image: enough for cosines that differ between images.</summary>
public sealed class MeanColourEmbedder : IImageEmbedder
{
    public int Calls { get; private set; }

    public float[] Embed(Tensor image)
    {
        Assert.Equal(3, image.dim());
        Calls++;
        using var scope = NewDisposeScope();
        var mean = image.mean([1, 2]).data<float>().ToArray();
        return [.. mean, image.std().item<float>() + 0.01f];
    }
}

/// <summary>Four numbers from a hash of the text.</summary>
public sealed class HashTextEmbedder : ITextEmbedder
{
    public float[] Embed(string text)
    {
        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text));
        return [.. Enumerable.Range(0, 4).Select(i => (float)((hash >> (16 * i)) & 0xFFFF) / 65535f + 0.1f)];
    }
}
