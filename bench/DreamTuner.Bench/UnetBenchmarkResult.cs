namespace DreamTuner.Bench;

/// <summary>One benchmark case's figures, as written to the JSON file.</summary>
/// <param name="PeakRssMb">The process's peak resident set (VmHWM) after this case: cumulative over the cases run so far.</param>
public sealed record UnetBenchmarkResult(string Model, string Dtype, int Batch, int LatentSize, int CrossAttentionDim, long Parameters,
    int Threads, int Warmup, int Steps, double MeanMs, double MinMs, double MaxMs, double PeakRssMb);
