using System.Text.Json;
using System.Text.Json.Serialization;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>results.json: the report as it is, snake_case, with the bar's verdict spelled out.</summary>
public static class SpriteBenchJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Write(SpriteBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new
        {
            report.Mode,
            report.Model,
            report.Subjects,
            report.PromptsPerSubject,
            report.SamplingSteps,
            report.Scheduler,
            report.Rows,
            report.ReaderCeiling,
            QualityBar = new
            {
                report.QualityBar.Samples,
                report.QualityBar.IdentityAccuracy,
                report.QualityBar.SceneAccuracy,
                report.QualityBar.IdentityThreshold,
                report.QualityBar.SceneThreshold,
                report.QualityBar.Passed,
                report.QualityBar.Failures,
                PerAttribute = report.QualityBar.PerAttribute,
                PerSize = report.QualityBar.PerSize,
            },
            QualityBarCeilings = report.QualityBarCeilings is { } c
                ? new
                {
                    Renders = new { c.Renders.IdentityAccuracy, c.Renders.SceneAccuracy, c.Renders.PerAttribute },
                    VaeRoundTrips = new { c.VaeRoundTrips.IdentityAccuracy, c.VaeRoundTrips.SceneAccuracy, c.VaeRoundTrips.PerAttribute },
                }
                : null,
            report.Curve,
            report.Timings,
            report.TotalSeconds,
            report.LeftOut,
            report.Notes,
        }, Options);
    }
}
