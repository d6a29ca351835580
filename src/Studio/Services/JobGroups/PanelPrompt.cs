namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// The prompt a panel renders with: its shot description (the dialogue is for readers, not for the picture), led by
/// the tokens of its characters that the description does not name already, as the Generate page's chips insert them.
/// </summary>
public static class PanelPrompt
{
    /// <returns>The prompt, or null when the panel has neither a description nor characters.</returns>
    public static string? Build(string? shotDescription, IEnumerable<string> characterTokens)
    {
        ArgumentNullException.ThrowIfNull(characterTokens);
        var description = shotDescription?.Trim() ?? "";
        var missing = characterTokens.Where(t => !description.Contains(t, StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        var lead = string.Join(" and ", missing);
        if (lead.Length == 0)
            return description.Length == 0 ? null : description;
        return description.Length == 0 ? lead : $"{lead}, {description}";
    }
}
