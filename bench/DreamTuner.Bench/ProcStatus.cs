using System.Globalization;

namespace DreamTuner.Bench;

/// <summary>Memory figures of this process from /proc/self/status (Linux only; NaN elsewhere).</summary>
public static class ProcStatus
{
    /// <summary>A kB field such as "VmHWM" (peak resident set) or "VmRSS" (current), in MB.</summary>
    public static double ReadMb(string field)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return double.NaN;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        if (line is null) return double.NaN;
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
