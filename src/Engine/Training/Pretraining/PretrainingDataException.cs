namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>A problem with the pretraining folder (empty, unreadable image, mask or depth map of the wrong size), said in one line.</summary>
public sealed class PretrainingDataException(string message, Exception? inner = null) : Exception(message, inner);
