using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace DreamTuner.Engine.Text;

/// <summary>
/// The prompt clean-up CLIP's tokenizer applies before BPE, as transformers' <c>CLIPTokenizer</c> does without
/// ftfy (what Stable Diffusion pipelines normally run): control and format characters are dropped, the text is
/// NFC-normalised, whitespace runs become one space, the ends are trimmed and everything is lower-cased.
/// Accents are kept and HTML entities are not unescaped, so "Café" and "&amp;" stay as typed.
/// </summary>
public sealed class ClipNormalizer : Normalizer
{
    public static ClipNormalizer Instance { get; } = new();

    public override string Normalize(string original) => Normalize(original.AsSpan());

    public override string Normalize(ReadOnlySpan<char> original)
    {
        var cleaned = new StringBuilder(original.Length);
        foreach (var rune in original.EnumerateRunes())
        {
            if (IsWhitespace(rune))
                cleaned.Append(' ');
            else if (!IsDropped(rune))
                cleaned.Append(rune.ToString());
        }

        var composed = cleaned.ToString().Normalize(NormalizationForm.FormC);
        var result = new StringBuilder(composed.Length);
        var pendingSpace = false;
        foreach (var rune in composed.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = result.Length > 0;
                continue;
            }
            if (pendingSpace)
                result.Append(' ');
            pendingSpace = false;
            AppendLower(result, rune);
        }
        return result.ToString();
    }

    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    // transformers drops NUL, U+FFFD and every Cc/Cf character (tab, newline and CR count as whitespace above).
    private static bool IsDropped(Rune rune) =>
        rune.Value is 0 or 0xFFFD ||
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format;

    private static void AppendLower(StringBuilder sb, Rune rune)
    {
        // Python's str.lower() uses the full mapping here (two code points); .NET's simple mapping gives one.
        if (rune.Value == 0x0130)
        {
            sb.Append("i\u0307");
            return;
        }
        sb.Append(Rune.ToLowerInvariant(rune).ToString());
    }
}
