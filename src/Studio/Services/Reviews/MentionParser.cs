using System.Text.RegularExpressions;

namespace DreamTuner.Studio.Services.Reviews;

/// <summary>Finds <c>@name</c> mentions in a comment; which of them are members is decided by the caller.</summary>
public static partial class MentionParser
{
    /// <summary>The distinct names after an @ (case-insensitively), without a sentence's trailing dot.</summary>
    public static IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return [];
        return [.. Mention().Matches(text)
            .Select(m => m.Groups[1].Value.TrimEnd('.', '-'))
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    // Identity's default user-name characters, minus '@' (so "a@b" e-mail text is not a mention: the
    // look-behind requires a start or a non-name character before the @).
    [GeneratedRegex(@"(?<![\w.+@-])@([A-Za-z0-9._+-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
