namespace DreamTuner.Studio.Components.Review;

/// <summary>A numbered marker on the image; coordinates are fractions of its width and height.</summary>
public sealed record ImagePin(int Number, double X, double Y, Guid? CommentId);
