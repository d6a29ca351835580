namespace DreamTuner.Engine.DreamTuner;

/// <summary>An <see cref="IDisposable"/> for activations that have nothing to undo.</summary>
internal sealed class NoOpRestore : IDisposable
{
    public static NoOpRestore Instance { get; } = new();
    public void Dispose() { }
}
