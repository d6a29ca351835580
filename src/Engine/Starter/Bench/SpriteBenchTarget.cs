namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// One prompt of the set: the example the generated image should show (its scene, position, scale and pose; the
/// identity is the subject's) and the fixed seed it is generated with. The pose reaches the model as the world's
/// pose image through the pose ControlNet, the rest as text.
/// </summary>
public sealed record SpriteBenchTarget(StarterExample Example, long Seed)
{
    /// <summary>The prompt of the methods that learn [S*]: the class word with [S*] before it, no attribute words.</summary>
    public string SubjectPrompt => $"a {SizePrefix}{SubjectPromptPlaceholder} {StarterCaptions.ClassWord}, {SceneWords}";

    /// <summary>The prompt of the training-free methods and of CLIP-T: the same without [S*].</summary>
    public string ClassPrompt => $"a {SizePrefix}{StarterCaptions.ClassWord}, {SceneWords}";

    /// <summary>The text-only baseline describes every attribute words can carry.</summary>
    public string AttributePrompt => StarterCaptions.DetailedCaption(Example);

    private static string SubjectPromptPlaceholder => Characters.SubjectPrompt.Placeholder;

    private string SizePrefix => StarterCaptions.SizeWord(Example.Scale) is { } word ? word + " " : "";

    private string SceneWords => $"{StarterCaptions.PositionPhrase(Example.Horizontal, Example.Vertical)}, {StarterCaptions.ScenePhrase(Example.Scene)}";
}
