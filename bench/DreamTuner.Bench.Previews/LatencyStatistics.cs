using System.Text.Json.Serialization;

namespace DreamTuner.Bench.Previews;

/// <summary>Percentiles of latency samples in milliseconds (nearest-rank).</summary>
public sealed record LatencyStatistics(
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("p50_ms")] double P50,
    [property: JsonPropertyName("p95_ms")] double P95,
    [property: JsonPropertyName("p99_ms")] double P99,
    [property: JsonPropertyName("max_ms")] double Max,
    [property: JsonPropertyName("mean_ms")] double Mean)
{
    public static LatencyStatistics Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) return new LatencyStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = milliseconds.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStatistics(sorted.Length, Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1], sorted.Average());
    }
}
