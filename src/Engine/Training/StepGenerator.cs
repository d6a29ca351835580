using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// A fresh generator per training step, seeded from (run seed, step). Every random draw of a step (noise, timestep,
/// flip, data order) then depends only on the seed and the step number, so a run resumed from a checkpoint at step k
/// draws exactly what the uninterrupted run drew from step k on.
/// </summary>
public static class StepGenerator
{
    public static Generator For(long seed, int step) => new(Mix(unchecked((ulong)seed), (ulong)step), CPU);

    /// <summary>SplitMix64 finaliser over seed and step: neighbouring steps get unrelated seeds.</summary>
    public static ulong Mix(ulong seed, ulong step)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (step + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
