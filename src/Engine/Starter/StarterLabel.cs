namespace DreamTuner.Engine.Starter;

/// <summary>One line of the dataset's <c>labels.jsonl</c>: files, exact attributes, captions and keypoints.</summary>
public sealed record StarterLabel(
    long Index,
    string Split,
    string Image,
    string Mask,
    string Pose,
    string IdentityKey,
    string Shape,
    string BodyColour,
    string Pattern,
    string? PatternColour,
    string Eyes,
    string Accessory,
    string? AccessoryColour,
    int Emblem,
    string Scene,
    string Horizontal,
    string Vertical,
    string Scale,
    SpritePose Limbs,
    ulong BackgroundSeed,
    string ClassWord,
    string Caption,
    string DetailedCaption,
    IReadOnlyList<PoseKeypoint> Keypoints)
{
    public static StarterLabel From(long index, StarterSplitKind split, StarterExample example, StarterRendering rendering, string stem)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(rendering);
        var id = example.Identity;
        static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
        return new StarterLabel(index, StarterSplit.Name(split), $"images/{stem}.png", $"masks/{stem}.png", $"poses/{stem}.png", id.Key,
            Name(id.Shape), id.BodyColour.Word(), Name(id.Pattern), id.PatternColour?.Word(), Name(id.Eyes), Name(id.Accessory),
            id.AccessoryColour?.Word(), id.Emblem, Name(example.Scene), Name(example.Horizontal), Name(example.Vertical),
            Name(example.Scale), example.Pose, example.BackgroundSeed, StarterCaptions.ClassWord,
            StarterCaptions.Caption(example), StarterCaptions.DetailedCaption(example), rendering.Keypoints);
    }
}
