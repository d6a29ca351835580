namespace DreamTuner.Data.Jobs;

/// <summary>
/// A job failed for a reason retrying cannot fix (missing model, invalid parameters). The message is for the user:
/// it says what is wrong and what to do. Hangfire does not retry it.
/// </summary>
public sealed class GenerationFailedException(string message, Exception? inner = null) : Exception(message, inner);
