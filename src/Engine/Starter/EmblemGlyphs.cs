namespace DreamTuner.Engine.Starter;

/// <summary>
/// The emblems: 5x5 left-right symmetric bitmaps, distinct from each other, each with 8..17 cells set so none is
/// blank or a solid block. They stand for detail that words cannot name (the text on the can in the paper).
/// A symmetric 5x5 glyph is fixed by its 15 left-half cells; emblem ids walk those 15-bit codes in an order
/// scrambled by an odd multiplier (a bijection mod 2^15), keeping the codes that pass the cell count.
/// </summary>
public static class EmblemGlyphs
{
    public const int Count = 1024;
    public const int Cells = 5;

    private static readonly ushort[] Codes = BuildCodes();

    /// <summary>True when cell (row, column) of the emblem is set.</summary>
    public static bool IsSet(int emblem, int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(emblem);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(emblem, Count);
        var mirrored = column > 2 ? 4 - column : column;
        return (Codes[emblem] >> (row * 3 + mirrored) & 1) != 0;
    }

    /// <summary>The 25 cells row by row, for tests and tools.</summary>
    public static bool[] Bitmap(int emblem)
    {
        var cells = new bool[Cells * Cells];
        for (var r = 0; r < Cells; r++)
            for (var c = 0; c < Cells; c++)
                cells[r * Cells + c] = IsSet(emblem, r, c);
        return cells;
    }

    private static ushort[] BuildCodes()
    {
        var codes = new ushort[Count];
        var found = 0;
        for (var k = 0; found < Count; k++)
        {
            var code = (ushort)((k * 21_851 + 7_919) & 0x7FFF);
            var set = 0;
            for (var r = 0; r < Cells; r++)
                for (var c = 0; c < 3; c++)
                    if ((code >> (r * 3 + c) & 1) != 0)
                        set += c == 2 ? 1 : 2;
            if (set is >= 8 and <= 17)
                codes[found++] = code;
        }
        return codes;
    }
}
