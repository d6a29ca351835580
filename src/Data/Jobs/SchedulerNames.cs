using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Jobs;

/// <summary>The short sampler names people and the HTTP API use ("dpmpp-2m-karras"), the same as the engine's.</summary>
public static class SchedulerNames
{
    private static readonly (SchedulerKind Kind, string Name)[] Table =
    [
        (SchedulerKind.Pndm, "pndm"),
        (SchedulerKind.Ddim, "ddim"),
        (SchedulerKind.DpmSolverPlusPlus2M, "dpmpp-2m"),
        (SchedulerKind.DpmSolverPlusPlus2MKarras, "dpmpp-2m-karras"),
        (SchedulerKind.Euler, "euler"),
        (SchedulerKind.EulerAncestral, "euler-a"),
    ];

    /// <summary>Every scheduler, in the order a picker shows them.</summary>
    public static IReadOnlyList<SchedulerKind> All { get; } = Table.Select(t => t.Kind).ToArray();

    public static string NameOf(SchedulerKind kind)
    {
        foreach (var (k, name) in Table)
            if (k == kind) return name;
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown scheduler");
    }

    public static bool TryParse(string? name, out SchedulerKind kind)
    {
        foreach (var (k, n) in Table)
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        kind = default;
        return false;
    }
}
