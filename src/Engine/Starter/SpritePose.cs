namespace DreamTuner.Engine.Starter;

/// <summary>
/// Limb angles in whole degrees (whole so that rendering needs only <see cref="DeterministicTrig"/>), measured
/// from pointing straight down, positive outwards (away from the body's vertical axis). "Left" and "right" are
/// the sprite's own sides, as in OpenPose: the sprite's right arm is on the viewer's left.
/// </summary>
public sealed record SpritePose(int RightArm, int LeftArm, int RightLeg, int LeftLeg)
{
    public const int MinArm = 10, MaxArm = 170, MinLeg = 0, MaxLeg = 45, Step = 5;

    public static SpritePose Sample(DeterministicRandom random) => new(
        random.Next(MinArm / Step, MaxArm / Step) * Step,
        random.Next(MinArm / Step, MaxArm / Step) * Step,
        random.Next(MinLeg / Step, MaxLeg / Step) * Step,
        random.Next(MinLeg / Step, MaxLeg / Step) * Step);
}
