using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Tests.Starter;

/// <summary>Fixed examples shared by the starter-world tests.</summary>
internal static class StarterSamples
{
    /// <summary>A medium sprite in the middle of a plain white image, with every optional attribute present.</summary>
    public static StarterExample Reference { get; } = new(
        new SpriteIdentity(BodyShape.Round, StarterColour.Blue, BodyPattern.Stripes, StarterColour.White, EyeKind.Googly,
            Accessory.Hat, StarterColour.Red, Emblem: 423),
        SceneKind.PlainWhite, HorizontalPosition.Center, VerticalPosition.Bottom, SpriteScale.Medium,
        new SpritePose(RightArm: 60, LeftArm: 120, RightLeg: 10, LeftLeg: 25), BackgroundSeed: 12345);

    public static IEnumerable<StarterExample> Training(int count, ulong seed = 11)
    {
        var world = new StarterWorld(seed);
        return Enumerable.Range(0, count).Select(i => world.TrainingExample(i));
    }

    public static byte[] PixelHash(byte[] bytes) => System.Security.Cryptography.SHA256.HashData(bytes);

    public static IEnumerable<string> Words(string caption) => StarterVocabulary.Words(caption);
}
