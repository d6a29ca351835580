namespace DreamTuner.Engine.Starter.Bench;

/// <summary>A part SpriteBench needs (scorers, the model folder, a component of it) is missing; the command says which in one line.</summary>
public sealed class SpriteBenchNotInstalledException(string message) : Exception(message);
