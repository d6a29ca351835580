using System.Text.RegularExpressions;

namespace DreamTuner.Engine.Characters;

/// <summary>
/// Writes the loaded characters' tokens into a prompt: with one character, <c>[S*]</c> stands for its token; with
/// several, <c>[S1*]</c>, <c>[S2*]</c>, ... name them in load order (or the prompt uses the tokens themselves), and a
/// bare <c>[S*]</c> is ambiguous.
/// </summary>
public static partial class SubjectPrompt
{
    public const string Placeholder = "[S*]";

    public static string Rewrite(string prompt, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.Contains(Placeholder, StringComparison.Ordinal))
        {
            if (tokens.Count == 0)
                throw new ArgumentException("the prompt uses [S*] but no character is loaded.");
            if (tokens.Count > 1)
                throw new ArgumentException(
                    $"the prompt uses [S*] but {tokens.Count} characters are loaded: write [S1*]..[S{tokens.Count}*] or their tokens ({string.Join(", ", tokens)}).");
            prompt = prompt.Replace(Placeholder, tokens[0], StringComparison.Ordinal);
        }
        return Numbered().Replace(prompt, m =>
        {
            int i = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (i < 1 || i > tokens.Count)
                throw new ArgumentException($"the prompt uses {m.Value} but {tokens.Count} character(s) are loaded.");
            return tokens[i - 1];
        });
    }

    [GeneratedRegex(@"\[S(\d+)\*\]")]
    private static partial Regex Numbered();
}
