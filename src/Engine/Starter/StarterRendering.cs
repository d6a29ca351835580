namespace DreamTuner.Engine.Starter;

/// <summary>
/// The rendered example: the image, its foreground mask (255 where the sprite touches the pixel, else 0),
/// the sprite's coverage (0..255, the antialiased alpha), the OpenPose-style pose image and its keypoints.
/// Images are row-major RGB bytes of <see cref="Size"/> x <see cref="Size"/>.
/// </summary>
public sealed record StarterRendering(
    int Size,
    byte[] Image,
    byte[] Mask,
    byte[] Coverage,
    byte[] Pose,
    IReadOnlyList<PoseKeypoint> Keypoints);
