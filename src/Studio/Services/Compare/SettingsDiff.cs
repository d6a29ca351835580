namespace DreamTuner.Studio.Services.Compare;

/// <summary>
/// Lines up the settings of several takes by name, in the order they first appear, and marks the ones whose values
/// are not all equal. A setting missing from a take counts as null, so "used by one take only" is a difference.
/// </summary>
public static class SettingsDiff
{
    public static IReadOnlyList<SettingRow> Of(IReadOnlyList<CompareTake> takes)
    {
        ArgumentNullException.ThrowIfNull(takes);
        var names = takes.SelectMany(t => t.Settings).Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();
        var rows = new List<SettingRow>(names.Count);
        foreach (var name in names)
        {
            var values = takes.Select(t => t.Settings.FirstOrDefault(s => s.Name == name)?.Value).ToList();
            // Settings no take used (all null) are noise in a comparison.
            if (values.All(v => v is null))
                continue;
            rows.Add(new SettingRow(name, values, values.Distinct(StringComparer.Ordinal).Count() > 1));
        }

        return rows;
    }
}
