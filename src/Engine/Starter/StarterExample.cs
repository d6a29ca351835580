namespace DreamTuner.Engine.Starter;

/// <summary>
/// One image of the world: an identity placed in a scene. <see cref="BackgroundSeed"/> fixes the background's
/// random details (snowflakes, buildings, leaves), so the example alone determines every pixel.
/// </summary>
public sealed record StarterExample(
    SpriteIdentity Identity,
    SceneKind Scene,
    HorizontalPosition Horizontal,
    VerticalPosition Vertical,
    SpriteScale Scale,
    SpritePose Pose,
    ulong BackgroundSeed);
