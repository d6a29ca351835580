using System.Diagnostics;
using static TorchSharp.torch;

namespace DreamTuner.Bench.DreamTuner;

/// <summary>SDPA cost with and without an additive key bias (<c>--micro</c>): decides how self-subject-attention applies log m.</summary>
public static class AttentionMicroBenchmark
{
    public static int Run()
    {
        using var _ = no_grad();
        var q = randn(2, 8, 1024, 4);
        var k = randn(2, 8, 2048, 4);
        var v = randn(2, 8, 2048, 4);
        var bias = randn(1, 1, 1, 2048).expand(2, 1, 1024, 2048).contiguous();
        var kAug = cat([k, bias[.., .., ..1, ..].transpose(-1, -2).expand(2, 8, 2048, 1)], -1);
        var qAug = cat([q * Math.Sqrt(5.0 / 4.0), full(2, 8, 1024, 1, Math.Sqrt(5.0))], -1);
        var vAug = cat([v, zeros(2, 8, 2048, 1)], -1);
        double Time(Func<Tensor> f)
        {
            f().Dispose();
            var c = Stopwatch.StartNew();
            for (int i = 0; i < 10; i++) f().Dispose();
            return c.Elapsed.TotalMilliseconds / 10;
        }
        Console.WriteLine($"plain 1024 keys: {Time(() => nn.functional.scaled_dot_product_attention(q, k[.., .., ..1024], v[.., .., ..1024])):F2} ms");
        Console.WriteLine($"2048 keys, no mask: {Time(() => nn.functional.scaled_dot_product_attention(q, k, v)):F2} ms");
        Console.WriteLine($"2048 keys, float mask: {Time(() => nn.functional.scaled_dot_product_attention(q, k, v, bias)):F2} ms");
        Console.WriteLine($"2048 keys, bias folded into d+1: {Time(() => nn.functional.scaled_dot_product_attention(qAug, kAug, vAug)):F2} ms");
        var a = nn.functional.scaled_dot_product_attention(q, k, v, bias);
        var b = nn.functional.scaled_dot_product_attention(qAug, kAug, vAug)[.., .., .., ..4];
        Console.WriteLine($"max diff folded vs mask: {(a - b).abs().max().item<float>():G3}");
        return 0;
    }
}
