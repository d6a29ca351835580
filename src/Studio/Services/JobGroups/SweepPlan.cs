using System.Text.Json;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// A sweep's two axes: <see cref="Columns"/> vary along a row, <see cref="Rows"/> down a column. Stored as
/// <see cref="Data.Entities.JobGroup.SweepJson"/>; a generation's cell is found again from its own knob values.
/// </summary>
public sealed record SweepPlan(SweepAxis Columns, SweepAxis Rows)
{
    public const int MinValues = 2;
    public const int MaxValues = 4;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SweepPlan FromJson(string json) =>
        JsonSerializer.Deserialize<SweepPlan>(json, Json) ?? throw new InvalidOperationException("An empty sweep plan was stored.");

    /// <summary>The grid cell (column, row) a generation belongs to, from its knob values; null when it matches none.</summary>
    public (int Column, int Row)? CellOf(Data.Entities.Generation generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        int column = IndexOf(Columns, SweepKnobs.Read(generation, Columns.Knob));
        int row = IndexOf(Rows, SweepKnobs.Read(generation, Rows.Knob));
        return column < 0 || row < 0 ? null : (column, row);
    }

    /// <summary>Says what is wrong with the plan for people, or null when it can be queued.</summary>
    public string? Problem()
    {
        if (Columns.Knob == Rows.Knob)
            return "Pick two different knobs for the sweep.";
        foreach (var axis in new[] { Columns, Rows })
        {
            var name = SweepKnobs.Label(axis.Knob);
            if (axis.Values.Count is < MinValues or > MaxValues)
                return $"Give {name} {MinValues} to {MaxValues} values.";
            if (axis.Values.Any(v => !double.IsFinite(v)))
                return $"The values of {name} must be numbers.";
            if (axis.Values.Distinct().Count() != axis.Values.Count)
                return $"The values of {name} must differ from each other.";
        }
        return null;
    }

    // Values round-trip through JSON and the database as doubles, so exact matches are expected; the tolerance only
    // forgives the last bit.
    private static int IndexOf(SweepAxis axis, double value)
    {
        for (int i = 0; i < axis.Values.Count; i++)
            if (Math.Abs(axis.Values[i] - value) <= 1e-9 * Math.Max(1, Math.Abs(value)))
                return i;
        return -1;
    }
}
