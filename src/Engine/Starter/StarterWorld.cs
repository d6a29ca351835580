namespace DreamTuner.Engine.Starter;

/// <summary>
/// Samples examples of the world. Example <c>i</c> of a split depends only on (seed, split, i), so datasets
/// can be written in any order or in parallel and regenerated exactly from their seed.
/// </summary>
public sealed class StarterWorld(ulong seed)
{
    private const ulong VariationStream = 101;

    public ulong Seed { get; } = seed;

    public StarterExample TrainingExample(long index) => Example(StarterSplitKind.Train, index);

    public StarterExample HeldOutIdentityExample(long index) => Example(StarterSplitKind.HeldOutIdentity, index);

    public StarterExample HeldOutEmblemExample(long index) => Example(StarterSplitKind.HeldOutEmblem, index);

    public StarterExample Example(StarterSplitKind split, long index)
    {
        var random = new DeterministicRandom(DeterministicRandom.Mix(Seed, (ulong)split, (ulong)index));
        var identity = SampleIdentity(random, split);
        return SampleScene(random, identity);
    }

    /// <summary>
    /// The same identity in another scene and pose (both differ from <paramref name="example"/>'s; position and
    /// scale are drawn afresh). <paramref name="variant"/> numbers the alternatives.
    /// </summary>
    public StarterExample InAnotherScene(StarterExample example, long variant)
    {
        ArgumentNullException.ThrowIfNull(example);
        var random = new DeterministicRandom(DeterministicRandom.Mix(Seed, VariationStream,
            System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(example.Identity.Key)),
            (ulong)example.Scene, example.BackgroundSeed, (ulong)variant));
        StarterExample next;
        do next = SampleScene(random, example.Identity);
        while (next.Scene == example.Scene || next.Pose == example.Pose);
        return next;
    }

    /// <summary>An identity uniform over the attribute values, redrawn until it belongs to <paramref name="split"/>.</summary>
    public static SpriteIdentity SampleIdentity(DeterministicRandom random, StarterSplitKind split)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var identity = SampleAnyIdentity(random);
            var belongs = split switch
            {
                StarterSplitKind.Train => StarterSplit.IsTraining(identity),
                StarterSplitKind.HeldOutIdentity => StarterSplit.IsHeldOutIdentity(identity) && !StarterSplit.IsHeldOutEmblem(identity.Emblem),
                StarterSplitKind.HeldOutEmblem => StarterSplit.IsHeldOutEmblem(identity.Emblem),
                _ => throw new ArgumentOutOfRangeException(nameof(split), split, "StarterSplitKind does not exist"),
            };
            if (belongs)
                return identity;
        }
    }

    public static SpriteIdentity SampleAnyIdentity(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var shape = random.PickEnum<BodyShape>();
        var body = random.PickEnum<StarterColour>();
        var pattern = random.PickEnum<BodyPattern>();
        StarterColour? patternColour = pattern == BodyPattern.None ? null : OtherColour(random, body);
        var eyes = random.PickEnum<EyeKind>();
        var accessory = random.PickEnum<Accessory>();
        StarterColour? accessoryColour = accessory == Accessory.None ? null : OtherColour(random, body);
        var emblem = random.Next(EmblemGlyphs.Count);
        return new SpriteIdentity(shape, body, pattern, patternColour, eyes, accessory, accessoryColour, emblem);
    }

    public static StarterExample SampleScene(DeterministicRandom random, SpriteIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new StarterExample(identity, random.PickEnum<SceneKind>(), random.PickEnum<HorizontalPosition>(),
            random.PickEnum<VerticalPosition>(), random.PickEnum<SpriteScale>(), SpritePose.Sample(random), random.NextUInt64());
    }

    private static StarterColour OtherColour(DeterministicRandom random, StarterColour body)
    {
        // Draw from the colours other than the body's, so the pattern or accessory always shows.
        var index = random.Next(Enum.GetValues<StarterColour>().Length - 1);
        return (StarterColour)(index >= (int)body ? index + 1 : index);
    }
}
