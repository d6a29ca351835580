using System.Globalization;
using DreamTuner.Data.Jobs;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>
/// A fine-tune's loss curve as an inline SVG polyline: x is the step over the run's total, y the loss between the
/// lowest and highest seen. Plain SVG rather than MudChart because it redraws cheaply on every pushed point, follows
/// the theme through CSS (currentColor) and needs no JS.
/// </summary>
public sealed partial class LossChart
{
    private const double Width = 300;
    private const double Height = 80;

    /// <summary>The loss points in step order. Defaults to none.</summary>
    [Parameter]
    public IReadOnlyList<FineTuneLossPoint> Points { get; set; } = [];

    /// <summary>The run's total steps (the x axis' end); 0 = the last point's step. Defaults to 0.</summary>
    [Parameter]
    public int TotalSteps { get; set; }

    /// <summary>The figure's element id. Defaults to null.</summary>
    [Parameter]
    public string? Id { get; set; }

    private string Description
    {
        get
        {
            var first = Points[0];
            var last = Points[^1];
            return string.Create(CultureInfo.InvariantCulture,
                $"Loss {first.Loss:0.####} at step {first.Step} → {last.Loss:0.####} at step {last.Step} ({Points.Count} points)");
        }
    }

    private string PolylinePoints => Polyline(Points, TotalSteps);

    /// <summary>The SVG "x,y x,y ..." text of the points scaled into the chart's box (public for tests of the scaling).</summary>
    public static string Polyline(IReadOnlyList<FineTuneLossPoint> points, int totalSteps)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) return "";
        double maxStep = Math.Max(1, Math.Max(totalSteps, points.Max(p => p.Step)));
        var finite = points.Where(p => double.IsFinite(p.Loss)).Select(p => p.Loss).DefaultIfEmpty(0).ToList();
        double low = finite.Min(), high = finite.Max();
        // A flat curve would divide by zero; draw it through the middle instead.
        double span = high - low;
        return string.Join(' ', points.Where(p => double.IsFinite(p.Loss)).Select(p =>
        {
            double x = Width * p.Step / maxStep;
            double y = span > 0 ? Height * (1 - (p.Loss - low) / span) : Height / 2;
            return string.Create(CultureInfo.InvariantCulture, $"{x:0.##},{y:0.##}");
        }));
    }
}
