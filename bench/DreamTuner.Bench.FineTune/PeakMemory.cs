using System.Globalization;

namespace DreamTuner.Bench.FineTune;

/// <summary>
/// The process's peak resident set (<c>VmHWM</c>) and a way to restart it: writing 5 to <c>/proc/self/clear_refs</c>
/// resets the high-water mark to the current resident set (Linux 4.0+), so one process can measure several cases.
/// </summary>
public static class PeakMemory
{
    public static void Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* not Linux: the peak stays cumulative */ }
    }

    /// <summary>Peak resident set in MB since the last <see cref="Reset"/> (NaN where /proc is missing).</summary>
    public static double PeakMb() => ReadMb("VmHWM");

    public static double CurrentMb() => ReadMb("VmRSS");

    private static double ReadMb(string field)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return double.NaN;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
