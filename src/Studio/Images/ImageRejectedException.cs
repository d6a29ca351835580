namespace DreamTuner.Studio.Images;

/// <summary>An upload that will not be stored, with a message a person can act on ("image is 5000x300 px; the limit is 4096 px per side").</summary>
public sealed class ImageRejectedException(string message, Exception? inner = null) : Exception(message, inner);
