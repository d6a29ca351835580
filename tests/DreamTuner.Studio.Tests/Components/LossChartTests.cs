using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Components.Characters;

namespace DreamTuner.Studio.Tests.Components;

public sealed class LossChartTests
{
    [Fact]
    public void Points_span_the_run_on_x_and_put_the_highest_loss_at_the_top()
    {
        IReadOnlyList<FineTuneLossPoint> points = [new(0, 1.0), new(150, 0.5), new(300, 0.0)];

        Assert.Equal("0,0 150,40 300,80", LossChart.Polyline(points, 300));
    }

    [Fact]
    public void A_run_half_done_fills_half_the_width_and_a_flat_curve_sits_in_the_middle()
    {
        IReadOnlyList<FineTuneLossPoint> points = [new(100, 0.3), new(200, 0.3)];

        Assert.Equal("75,40 150,40", LossChart.Polyline(points, 400));
    }
}
