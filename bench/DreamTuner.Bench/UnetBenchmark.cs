using System.Diagnostics;
using System.Text.Json;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Unet;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Bench;

/// <summary>
/// Times one UNet forward pass (one denoising step with classifier-free guidance: batch 2) on the CPU, for the tiny
/// test model and for a random-weight UNet with the real SD 1.5 shapes. Weights are random because timing does not
/// depend on their values and no real checkpoint may be downloaded here.
/// </summary>
public static class UnetBenchmark
{
    public static void Run(UnetBenchmarkOptions options)
    {
        set_num_threads(Environment.ProcessorCount);
        Console.WriteLine($"threads: {get_num_threads()}, warm-up {options.Warmup}, timed steps {options.Steps}");
        var results = new List<UnetBenchmarkResult>();
        if (options.Only is null or "tiny")
            results.Add(Measure("tiny", RandomModelSpec.Tiny.Unet, ScalarType.Float32, options));
        if (options.Only is null or "sd15")
        {
            results.Add(Measure("sd15", RandomModelSpec.Sd15.Unet, ScalarType.Float32, options));
            if (options.Bf16)
                results.Add(Measure("sd15", RandomModelSpec.Sd15.Unet, ScalarType.BFloat16, options));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.JsonPath))!);
        File.WriteAllText(options.JsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        }));
        Console.WriteLine($"wrote {options.JsonPath}");
    }

    private static UnetBenchmarkResult Measure(string name, UNetConfig config, ScalarType dtype, UnetBenchmarkOptions options)
    {
        const int batch = 2;
        int size = config.SampleSize ?? 64;
        int textDim = config.CrossAttentionDim.Values[0];
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var unet = new UNet2DConditionModel(config);
        unet.to(dtype);
        unet.eval();
        long parameters = unet.parameters().Sum(p => p.numel());
        var sample = randn(batch, config.InChannels, size, size).to(dtype);
        var timesteps = tensor(new long[] { 500, 500 });
        var text = randn(batch, 77, textDim).to(dtype);

        for (int i = 0; i < options.Warmup; i++)
        {
            using var stepScope = NewDisposeScope();
            unet.Forward(sample, timesteps, text);
        }
        var times = new List<double>();
        for (int i = 0; i < options.Steps; i++)
        {
            using var stepScope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            unet.Forward(sample, timesteps, text);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var result = new UnetBenchmarkResult(name, dtype.ToString(), batch, size, textDim, parameters,
            get_num_threads(), options.Warmup, options.Steps, times.Average(), times.Min(), times.Max(), PeakRssMb());
        Console.WriteLine($"{name,-5} {result.Dtype,-9} batch {batch} latents {size}x{size} ({parameters / 1e6:F1}M params): " +
            $"{result.MeanMs:F1} ms/step (min {result.MinMs:F1}, max {result.MaxMs:F1}), peak RSS {result.PeakRssMb:F0} MB");
        return result;
    }

    /// <summary>The peak resident set of the process so far.</summary>
    private static double PeakRssMb() => ProcStatus.ReadMb("VmHWM");
}
