namespace DreamTuner.Engine.Text;

/// <summary>
/// The 256 characters of GPT-2/CLIP <c>bytes_to_unicode()</c> in the order CLIP gives them ids 0..255:
/// printable Latin-1 bytes stand for themselves, the other bytes map to U+0100.. in byte order, and
/// <c>list(bytes_to_unicode().values())</c> lists the printable ones first, which is code-point order.
/// </summary>
public static class ByteLevelAlphabet
{
    public static IReadOnlyList<char> VocabularyOrder { get; } = Build();

    private static char[] Build()
    {
        static bool Printable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
        var extra = 0;
        var chars = new List<char>(256);
        for (var b = 0; b < 256; b++)
            chars.Add(Printable(b) ? (char)b : (char)(256 + extra++));
        chars.Sort();
        return chars.ToArray();
    }
}
