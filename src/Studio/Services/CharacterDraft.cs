namespace DreamTuner.Studio.Services;

/// <summary>What the user typed for a new character.</summary>
public sealed record CharacterDraft(string Name, string ClassWord, string? Caption)
{
    /// <summary>Class words offered in the form; any other word may be typed.</summary>
    public static IReadOnlyList<string> SuggestedClassWords { get; } =
        ["person", "man", "woman", "girl", "boy", "baby", "dog", "cat", "bird", "horse", "toy", "teddy bear", "robot", "car", "can", "bottle", "cup", "backpack", "sneaker", "plush", "figurine"];
}
