namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// A model file or folder that cannot be used, with a message a person can act on
/// (which file is missing, which keys do not match). The CLI prints only the message.
/// </summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
