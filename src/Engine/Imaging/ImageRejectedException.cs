namespace DreamTuner.Engine.Imaging;

/// <summary>
/// An uploaded image that will not be decoded, with a message a person can act on
/// ("image is 5000x300 px; the limit is 4096 px per side").
/// </summary>
public sealed class ImageRejectedException(string message, Exception? inner = null) : Exception(message, inner);
