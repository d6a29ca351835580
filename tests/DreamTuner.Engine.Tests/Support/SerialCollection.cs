namespace DreamTuner.Engine.Tests.Support;

/// <summary>
/// Tests that measure the whole process (memory, timing) run alone, after the parallel tests, so that other
/// tests' allocations do not show up in their figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide measurements)";
}
