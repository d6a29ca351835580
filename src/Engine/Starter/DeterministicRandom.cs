namespace DreamTuner.Engine.Starter;

/// <summary>
/// SplitMix64: a tiny generator whose output is fixed by its seed on every machine and .NET version
/// (System.Random promises neither), so the world's samples are reproducible byte for byte.
/// </summary>
public sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Combines values into one well-mixed seed (e.g. dataset seed and example index).</summary>
    public static ulong Mix(params ReadOnlySpan<ulong> values)
    {
        var h = 0x9E3779B97F4A7C15UL;
        foreach (var v in values)
            h = Finalise(h ^ Finalise(v + 0x632BE59BD9B4E019UL));
        return h;
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Finalise(_state);
    }

    /// <summary>Uniform in [0, <paramref name="count"/>), by rejection so every value is equally likely.</summary>
    public int Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)count;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % (ulong)count);
    }

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>] inclusive.</summary>
    public int Next(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public T Pick<T>(IReadOnlyList<T> values) => values[Next(values.Count)];

    public T PickEnum<T>() where T : struct, Enum => Pick(Enum.GetValues<T>());

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
