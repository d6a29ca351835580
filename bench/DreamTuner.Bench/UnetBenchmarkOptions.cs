namespace DreamTuner.Bench;

/// <summary>What <see cref="UnetBenchmark"/> runs; the SD 1.5 UNet takes seconds per step on a small CPU, hence few steps.</summary>
public sealed record UnetBenchmarkOptions
{
    public string JsonPath { get; init; } = Path.Combine("bench", "results", "unet.json");
    public int Warmup { get; init; } = 1;
    public int Steps { get; init; } = 3;
    public bool Bf16 { get; init; } = true;
    /// <summary>null: every case; "tiny" or "sd15": that model only.</summary>
    public string? Only { get; init; }
}
