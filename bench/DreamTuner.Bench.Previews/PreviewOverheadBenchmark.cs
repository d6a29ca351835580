using System.Diagnostics;
using System.Globalization;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DreamTuner.Bench.Previews;

/// <summary>
/// Preview overhead: seconds per denoising step with live previews on / off (target ratio at most 1.02). "On" is the
/// engine's real path: the x0 estimate of the first image copied to the CPU on the denoising thread and handed to
/// <see cref="StudioHubPublisher"/>, which turns it into an upscaled JPEG on its own thread (the studio is unreachable
/// here, so nothing is sent: the network costs the denoising thread nothing either way). Runs alternate on/off so
/// drifting machine load hits both; the median run is reported.
/// Usage: dotnet DreamTuner.Bench.Previews.dll [--model DIR] [--size 256] [--steps 20] [--runs 5]
/// (without --model a tiny random model is written to a temp folder).
/// </summary>
public static class PreviewOverheadBenchmark
{
    public static int Run(string[] args)
    {
        string? model = Arg(args, "--model");
        int size = int.Parse(Arg(args, "--size") ?? "256", CultureInfo.InvariantCulture);
        int steps = int.Parse(Arg(args, "--steps") ?? "20", CultureInfo.InvariantCulture);
        int runs = int.Parse(Arg(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        if (model is null)
        {
            model = Path.Combine(Path.GetTempPath(), "dt-bench-previews-tiny");
            if (!Directory.Exists(model)) RandomModelWriter.Write(model, RandomModelSpec.Tiny, seed: 1);
        }

        using var sd = ModelLoader.Load(model, DeviceSpec.Cpu);
        var pipeline = new StableDiffusionPipeline(sd);
        var request = new GenerationRequest
        {
            Prompt = "a small red fox", Steps = steps, Scheduler = "ddim", Width = size, Height = size, GuidanceScale = 7.5, Seed = 1,
        };
        var options = Options.Create(new EngineOptions { StudioHubUrl = "http://127.0.0.1:9/hubs/engine", HubKey = "bench-key-0123456789" });
        var publisher = new StudioHubPublisher(options, NullLogger<StudioHubPublisher>.Instance) { EncodeWhenDisconnected = true };
        publisher.StartAsync(CancellationToken.None).GetAwaiter().GetResult();

        Time(pipeline, request, null); // warm-up: first-call allocations, kernel selection
        var on = new List<(double Wall, double Cpu)>();
        var off = new List<(double Wall, double Cpu)>();
        for (int r = 0; r < runs; r++)
        {
            off.Add(Time(pipeline, request, null));
            on.Add(Time(pipeline, request, publisher));
        }
        var (handOff, encode) = PreviewCosts(size, sd.Vae.VaeScaleFactor);
        publisher.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        publisher.DisposeAsync().AsTask().GetAwaiter().GetResult();

        double wallOn = Median(on.Select(x => x.Wall)), wallOff = Median(off.Select(x => x.Wall));
        double cpuOn = Median(on.Select(x => x.Cpu)), cpuOff = Median(off.Select(x => x.Cpu));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model {Path.GetFileName(model)} {size}x{size}, {steps} steps, {runs} runs each (median), {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall per step: off {wallOff * 1000:F2} ms, on {wallOn * 1000:F2} ms, ratio {wallOn / wallOff:F3} (target <= 1.02)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per step:  off {cpuOff * 1000:F2} ms, on {cpuOn * 1000:F2} ms, ratio {cpuOn / cpuOff:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"preview cost: {handOff * 1000:F3} ms on the denoising thread (x0 copy + post), {encode * 1000:F3} ms on the publisher thread (RGB + upscale + JPEG)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"denoising-thread overhead per step: {(wallOff + handOff) / wallOff:F4}x"));
        return 0;
    }

    /// <summary>Seconds per step of one generation; with a publisher, each step posts a preview as the job does.</summary>
    private static (double Wall, double Cpu) Time(StableDiffusionPipeline pipeline, GenerationRequest request, IGenerationEvents? events)
    {
        var id = Guid.NewGuid();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var result = pipeline.Generate(request, p =>
        {
            if (events is null) return;
            using var first = p.PredictedLatents[0].to(TorchSharp.torch.ScalarType.Float32).cpu();
            events.Preview(new PreviewFrame(id, id, null, p.Step, p.TotalSteps, p.EstimatedRemaining.TotalSeconds,
                first.data<float>().ToArray(), (int)p.PredictedLatents.shape[2], (int)p.PredictedLatents.shape[3],
                request.Width!.Value, request.Height!.Value));
        });
        var wall = clock.Elapsed.TotalSeconds / request.Steps;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / request.Steps;
        // Drain the publisher outside the timing: waiting for its last (undeliverable) frame is not denoising time, and
        // each run should start with an empty mailbox.
        if (events is not null) events.FlushAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return (wall, cpuSeconds);
    }

    /// <summary>
    /// The two halves of a preview in isolation (mean of many): the hand-off the denoising thread pays (x0 [1,4,h,w] to
    /// a CPU float array, into the mailbox) and the encoding the publisher thread pays. Robust against machine load
    /// in a way whole-generation timings are not.
    /// </summary>
    private static (double HandOff, double Encode) PreviewCosts(int size, int vaeFactor)
    {
        int h = size / vaeFactor;
        const int n = 200;
        using var x0 = TorchSharp.torch.randn(2, 4, h, h);
        var mailbox = new PreviewFrame?[1];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            using var first = x0[0].to(TorchSharp.torch.ScalarType.Float32).cpu();
            mailbox[0] = new PreviewFrame(Guid.Empty, Guid.Empty, null, i, n, null, first.data<float>().ToArray(), h, h, size, size);
        }
        double handOff = clock.Elapsed.TotalSeconds / n;
        var encoder = new DreamTuner.Engine.Previews.PreviewEncoder();
        var latents = mailbox[0]!.Latents!;
        clock.Restart();
        for (int i = 0; i < n / 4; i++) encoder.Encode(latents, h, h, size, size);
        return (handOff, clock.Elapsed.TotalSeconds / (n / 4));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
