namespace DreamTuner.Engine.Tests.Support;

/// <summary>
/// Tests that initialise modules from torch's global generator (<c>manual_seed</c>) and compare two runs must not
/// share that generator with tests running in parallel (a concurrent draw shifts the sequence), so they run in this
/// collection, one at a time and after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRngCollection
{
    public const string Name = "Global torch RNG";
}
