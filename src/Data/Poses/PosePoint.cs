namespace DreamTuner.Data.Poses;

/// <summary>
/// A keypoint in pose units: 0..<see cref="BodyPose.Extent"/> across the image's width (X, right) and height (Y, down).
/// Whole numbers so that mirroring (X -> Extent - X) is exact and saved poses compare equal after a round trip.
/// </summary>
public readonly record struct PosePoint(int X, int Y);
