namespace DreamTuner.Engine.Cli;

/// <summary>Invalid command-line arguments that the parser cannot catch (combinations, values out of range).</summary>
public sealed class UsageException(string message) : Exception(message);
