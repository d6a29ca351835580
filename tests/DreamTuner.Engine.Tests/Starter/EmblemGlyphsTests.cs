using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class EmblemGlyphsTests
{
    [Fact]
    public void There_are_at_least_256_distinct_left_right_symmetric_glyphs()
    {
        Assert.True(EmblemGlyphs.Count >= 256);
        var seen = new HashSet<string>();
        for (var e = 0; e < EmblemGlyphs.Count; e++)
        {
            var cells = EmblemGlyphs.Bitmap(e);
            Assert.True(seen.Add(string.Concat(cells.Select(c => c ? '#' : '.'))), $"emblem {e} repeats an earlier glyph");
            for (var r = 0; r < 5; r++)
                for (var c = 0; c < 5; c++)
                    Assert.Equal(cells[r * 5 + c], cells[r * 5 + 4 - c]);
            // Neither blank nor nearly solid, so every emblem is a visible shape.
            Assert.InRange(cells.Count(c => c), 8, 17);
        }
    }
}
