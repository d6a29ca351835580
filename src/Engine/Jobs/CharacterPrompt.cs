using System.Text.RegularExpressions;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Rewrites the studio's character tokens (<c>[S1*]</c>, ...) into words the text encoder knows. A trained character
/// becomes "its learned token + class word" (the paper's "a photo of [S*] dog"); an untrained one becomes its class
/// word alone, since its identity then comes only from the reference image (subject-encoder + self-subject-attention).
/// A class word already written after the token is not repeated. With exactly one character, a bare <c>[S*]</c> names it.
/// </summary>
public static class CharacterPrompt
{
    public const string Placeholder = "[S*]";

    /// <param name="learnedTokens">The loaded package's token per character id; absent for untrained characters.</param>
    public static string Rewrite(string prompt, IReadOnlyList<JobCharacter> characters, IReadOnlyDictionary<Guid, string> learnedTokens)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(characters);
        foreach (var c in characters)
        {
            var tokens = characters.Count == 1 && c.Token != Placeholder ? new[] { c.Token, Placeholder } : [c.Token];
            foreach (var token in tokens)
            {
                var classWord = c.ClassWord.Trim();
                var pattern = Regex.Escape(token) + (classWord.Length == 0 ? "" : $@"(\s+{Regex.Escape(classWord)}\b)?");
                var replacement = learnedTokens.TryGetValue(c.Id, out var learned)
                    ? (classWord.Length == 0 ? learned : $"{learned} {classWord}")
                    : (classWord.Length == 0 ? c.Name : classWord);
                prompt = Regex.Replace(prompt, pattern, _ => replacement, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            }
        }
        return prompt;
    }
}
