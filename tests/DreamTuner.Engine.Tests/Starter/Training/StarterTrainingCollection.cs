namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary>
/// Starter training initialises modules from torch's global generator (manual_seed); tests that compare two runs
/// must not share it with tests running in parallel, so they run in this collection, alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StarterTrainingCollection
{
    public const string Name = "Starter training (global RNG)";
}
