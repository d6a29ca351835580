using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class BackgroundPainterTests
{
    [Fact]
    public void Scenes_are_distinguishable_by_mean_colour_whatever_the_seed()
    {
        var scenes = Enum.GetValues<SceneKind>();
        // Per scene, the range of mean colours over seeds; any two scenes' ranges must stay apart.
        var means = scenes.ToDictionary(s => s, s => Enumerable.Range(0, 20).Select(seed => Mean(BackgroundPainter.Paint(s, 64, (ulong)seed))).ToList());
        foreach (var a in scenes)
            foreach (var b in scenes.Where(b => b > a))
            {
                var closest = means[a].SelectMany(ma => means[b].Select(mb => Distance(ma, mb))).Min();
                Assert.True(closest > 12, $"{a} and {b} come within {closest:F1} of each other in mean colour");
            }
    }

    [Fact]
    public void Background_seed_changes_details_but_not_the_scene()
    {
        foreach (var scene in Enum.GetValues<SceneKind>().Where(s => s != SceneKind.PlainWhite))
            Assert.NotEqual(BackgroundPainter.Paint(scene, 64, 1), BackgroundPainter.Paint(scene, 64, 2));
        Assert.All(BackgroundPainter.Paint(SceneKind.PlainWhite, 64, 1), b => Assert.Equal(255, b));
    }

    private static (double R, double G, double B) Mean(byte[] rgb)
    {
        double r = 0, g = 0, b = 0;
        for (var i = 0; i < rgb.Length; i += 3)
        {
            r += rgb[i];
            g += rgb[i + 1];
            b += rgb[i + 2];
        }
        var n = rgb.Length / 3.0;
        return (r / n, g / n, b / n);
    }

    private static double Distance((double R, double G, double B) a, (double R, double G, double B) b) =>
        Math.Sqrt((a.R - b.R) * (a.R - b.R) + (a.G - b.G) * (a.G - b.G) + (a.B - b.B) * (a.B - b.B));
}
