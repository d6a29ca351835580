namespace DreamTuner.Engine.Starter;

/// <summary>
/// Natural-language captions from the attributes. The short caption names shape, colours, pattern, accessory,
/// size, position and scene; the detailed one (for regularisation images) also names the eyes and says "no
/// pattern"/"no accessory". Neither names the emblem or the pose: the emblem is the detail words cannot carry,
/// and the pose is given by the pose image. Medium size is the unmarked default and has no word.
/// </summary>
public static class StarterCaptions
{
    public const string ClassWord = "creature";

    public static string Caption(StarterExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var identity = example.Identity;
        var extras = new List<string>();
        if (PatternPhrase(identity) is { } pattern)
            extras.Add(pattern);
        if (AccessoryPhrase(identity) is { } accessory)
            extras.Add(accessory);
        var with = extras.Count == 0 ? "" : " with " + string.Join(" and ", extras);
        return $"{Subject(example)}{with}, {PositionPhrase(example.Horizontal, example.Vertical)}, {ScenePhrase(example.Scene)}";
    }

    public static string DetailedCaption(StarterExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var identity = example.Identity;
        var pattern = PatternPhrase(identity) ?? "no pattern";
        var accessory = AccessoryPhrase(identity) ?? "no accessory";
        return $"{Subject(example)} with {EyesPhrase(identity.Eyes)}, {pattern} and {accessory}, " +
               $"{PositionPhrase(example.Horizontal, example.Vertical)}, {ScenePhrase(example.Scene)}";
    }

    public static string ShapeWord(BodyShape shape) => shape switch
    {
        BodyShape.Round => "round",
        BodyShape.Square => "square",
        BodyShape.Triangle => "triangular",
        BodyShape.Star => "star-shaped",
        BodyShape.Blob => "blobby",
        BodyShape.TallOval => "tall oval",
        BodyShape.Diamond => "diamond-shaped",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "BodyShape does not exist"),
    };

    public static string PatternWord(BodyPattern pattern) => pattern switch
    {
        BodyPattern.Stripes => "stripes",
        BodyPattern.Dots => "dots",
        BodyPattern.Checks => "checks",
        BodyPattern.Zigzags => "zigzags",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "BodyPattern has no word"),
    };

    public static string EyesPhrase(EyeKind eyes) => eyes switch
    {
        EyeKind.Dots => "dot eyes",
        EyeKind.Googly => "big googly eyes",
        EyeKind.Sleepy => "sleepy eyes",
        EyeKind.Angry => "angry eyes",
        EyeKind.Cyclops => "a single big eye",
        _ => throw new ArgumentOutOfRangeException(nameof(eyes), eyes, "EyeKind does not exist"),
    };

    public static string AccessoryWord(Accessory accessory) => accessory switch
    {
        Accessory.Hat => "hat",
        Accessory.Bow => "bow",
        Accessory.Scarf => "scarf",
        Accessory.Glasses => "glasses",
        Accessory.Crown => "crown",
        _ => throw new ArgumentOutOfRangeException(nameof(accessory), accessory, "Accessory has no word"),
    };

    public static string? SizeWord(SpriteScale scale) => scale switch
    {
        SpriteScale.Small => "small",
        SpriteScale.Medium => null,
        SpriteScale.Large => "large",
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "SpriteScale does not exist"),
    };

    public static string PositionPhrase(HorizontalPosition horizontal, VerticalPosition vertical) =>
        $"at the {vertical.ToString().ToLowerInvariant()} {horizontal.ToString().ToLowerInvariant()}";

    public static string ScenePhrase(SceneKind scene) => scene switch
    {
        SceneKind.Snow => "in the snow",
        SceneKind.Beach => "on the beach",
        SceneKind.Jungle => "in the jungle",
        SceneKind.Night => "at night",
        SceneKind.City => "in the city",
        SceneKind.PlainWhite => "on a plain white background",
        SceneKind.Desert => "in the desert",
        SceneKind.Underwater => "under water",
        _ => throw new ArgumentOutOfRangeException(nameof(scene), scene, "SceneKind does not exist"),
    };

    /// <summary>
    /// The longest caption any example can have: the detailed form with every part at its wordiest value (the parts
    /// are independent, so their maxima add up). Its tokens bound the sequence a text encoder for the world needs.
    /// </summary>
    public static string LongestCaption()
    {
        static T Wordiest<T>(Func<T, string?> phrase) where T : struct, Enum =>
            Enum.GetValues<T>().MaxBy(value => StarterVocabulary.Words(phrase(value) ?? "").Count());
        var colour = Wordiest<StarterColour>(c => c.Word());
        var other = Enum.GetValues<StarterColour>().Where(c => c != colour).MaxBy(c => StarterVocabulary.Words(c.Word()).Count());
        var pattern = Wordiest<BodyPattern>(p => p == BodyPattern.None ? null : PatternWord(p));
        var accessory = Wordiest<Accessory>(a => a == Accessory.None ? null : AccessoryPhrase(new SpriteIdentity(
            BodyShape.Round, colour, BodyPattern.None, null, EyeKind.Dots, a, other, 0)));
        var identity = new SpriteIdentity(Wordiest<BodyShape>(ShapeWord), colour, pattern, other, Wordiest<EyeKind>(EyesPhrase),
            accessory, other, 0);
        var (horizontal, vertical) = Enum.GetValues<HorizontalPosition>()
            .SelectMany(h => Enum.GetValues<VerticalPosition>().Select(v => (h, v)))
            .MaxBy(p => StarterVocabulary.Words(PositionPhrase(p.h, p.v)).Count());
        return DetailedCaption(new StarterExample(identity, Wordiest<SceneKind>(ScenePhrase), horizontal, vertical,
            Wordiest<SpriteScale>(SizeWord), new SpritePose(0, 0, 0, 0), 0));
    }

    private static string Subject(StarterExample example)
    {
        var size = SizeWord(example.Scale) is { } word ? word + " " : "";
        var identity = example.Identity;
        return $"a {size}{identity.BodyColour.Word()} {ShapeWord(identity.Shape)} {ClassWord}";
    }

    private static string? PatternPhrase(SpriteIdentity identity) =>
        identity.Pattern == BodyPattern.None ? null : $"{identity.PatternColour!.Value.Word()} {PatternWord(identity.Pattern)}";

    private static string? AccessoryPhrase(SpriteIdentity identity)
    {
        if (identity.Accessory == Accessory.None)
            return null;
        var colour = identity.AccessoryColour!.Value.Word();
        // "glasses" is plural: no article.
        return identity.Accessory == Accessory.Glasses ? $"{colour} glasses" : $"a {colour} {AccessoryWord(identity.Accessory)}";
    }
}
