using System.Text.RegularExpressions;

namespace DreamTuner.Studio.Components.Review;

/// <summary>Splits a comment into plain text and @mentions, so mentions can be highlighted without rendering markup.</summary>
public static partial class MentionText
{
    public static IEnumerable<(string Text, bool IsMention)> Split(string body)
    {
        var last = 0;
        foreach (Match m in Mention().Matches(body))
        {
            if (m.Index > last) yield return (body[last..m.Index], false);
            yield return (m.Value, true);
            last = m.Index + m.Length;
        }

        if (last < body.Length) yield return (body[last..], false);
    }

    [GeneratedRegex(@"(?<![\w.+@-])@[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
