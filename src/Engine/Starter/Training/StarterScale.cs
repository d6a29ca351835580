namespace DreamTuner.Engine.Starter.Training;

/// <summary>How big the bundled starter model is: <see cref="Tiny"/> for tests, <see cref="Full"/> for the shipped model.</summary>
public enum StarterScale
{
    Tiny,
    Full,
}
