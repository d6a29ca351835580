using DreamTuner.Studio.Services.Export;
using DreamTuner.Studio.Services.JobGroups;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.JobGroups;

/// <summary>The labelled sweep grid drawn by <see cref="SweepGridComposer"/>, read back pixel by pixel.</summary>
public sealed class SweepGridComposerTests
{
    private static readonly SKColor[] Colours =
    [
        new(200, 30, 30), new(30, 200, 30), new(30, 30, 200),
        new(200, 200, 30), new(30, 200, 200), new(200, 30, 200),
    ];

    private static SweepGridComposer Composer() =>
        new(SKTypeface.FromFile(StoryboardFontResolver.FontFile(null) ?? throw new InvalidOperationException("install fonts-dejavu-core")));

    [Fact]
    public void Cells_are_drawn_row_by_row_in_the_order_given_each_with_its_own_image()
    {
        var cells = Colours.Select(c => new SweepGridCell(EngineStandIn.SolidPng(32, 32, c))).ToList();

        var grid = Composer().Compose("β", ["β = 0.1", "β = 0.2", "β = 0.4"], "w_ref", ["w_ref = 2", "w_ref = 3"], cells);

        using var bitmap = SKBitmap.Decode(grid.Png);
        Assert.Equal((grid.Width, grid.Height), (bitmap.Width, bitmap.Height));
        Assert.Equal(6, grid.Cells.Count);
        for (int i = 0; i < 6; i++)
        {
            var rect = grid.Cells[i];
            Assert.True(rect.Width >= 160, "small images are enlarged so the grid stays readable");
            Assert.Equal(Colours[i], bitmap.GetPixel(rect.MidX, rect.MidY));
            Assert.Equal(Colours[i], bitmap.GetPixel(rect.Left + 1, rect.Bottom - 2));
        }
        // Row by row: the second cell is right of the first, the fourth below it.
        Assert.True(grid.Cells[1].Left > grid.Cells[0].Right);
        Assert.True(grid.Cells[3].Top > grid.Cells[0].Bottom);
        Assert.Equal(grid.Cells[0].Left, grid.Cells[3].Left);
    }

    [Fact]
    public void Every_axis_value_and_both_knob_names_are_written_as_ink_outside_the_cells()
    {
        var cells = Colours.Take(4).Select(c => new SweepGridCell(EngineStandIn.SolidPng(48, 32, c))).ToList();

        var grid = Composer().Compose("ω_r", ["ω_r = 1", "ω_r = 2.5"], "p_r", ["p_r = 0.5", "p_r = 0.9"], cells);

        using var bitmap = SKBitmap.Decode(grid.Png);
        Assert.Equal(["p_r ↓   ω_r →", "ω_r = 1", "ω_r = 2.5", "p_r = 0.5", "p_r = 0.9"], grid.Labels.Select(l => l.Text));
        foreach (var label in grid.Labels)
        {
            Assert.DoesNotContain(grid.Cells, c => SKRectI.Intersect(c, label.Bounds) is { IsEmpty: false });
            Assert.True(DarkPixels(bitmap, label.Bounds) > 10, $"\"{label.Text}\" should be drawn at {label.Bounds}");
        }
        // Column labels sit above their own column, row labels left of their own row.
        Assert.InRange(Centre(grid.Labels[2].Bounds).X, grid.Cells[1].Left, grid.Cells[1].Right);
        Assert.InRange(Centre(grid.Labels[4].Bounds).Y, grid.Cells[2].Top, grid.Cells[2].Bottom);
        Assert.True(grid.Labels[4].Bounds.Right <= grid.Cells[2].Left);
    }

    [Fact]
    public void A_cell_without_an_image_is_grey_and_says_why()
    {
        var cells = new[] { new SweepGridCell(EngineStandIn.SolidPng(32, 32, Colours[0])), new SweepGridCell(null, "failed") };

        var grid = Composer().Compose("β", ["β = 0", "β = 1"], "Δt", ["Δt = 20"], cells);

        using var bitmap = SKBitmap.Decode(grid.Png);
        Assert.Equal(new SKColor(0xDD, 0xDD, 0xDD), bitmap.GetPixel(grid.Cells[1].Left + 2, grid.Cells[1].Top + 2));
        var note = Assert.Single(grid.Labels, l => l.Text == "failed");
        Assert.True(grid.Cells[1].Contains(note.Bounds));
        Assert.Throws<ArgumentException>(() => Composer().Compose("β", ["β = 0", "β = 1"], "Δt", ["Δt = 20"], [cells[0]]));
    }

    private static SKPointI Centre(SKRectI r) => new(r.MidX, r.MidY);

    private static int DarkPixels(SKBitmap bitmap, SKRectI bounds)
    {
        int count = 0;
        for (int y = Math.Max(0, bounds.Top); y < Math.Min(bitmap.Height, bounds.Bottom); y++)
            for (int x = Math.Max(0, bounds.Left); x < Math.Min(bitmap.Width, bounds.Right); x++)
                if (bitmap.GetPixel(x, y) is var p && p.Red < 100 && p.Green < 100 && p.Blue < 100)
                    count++;
        return count;
    }
}
