namespace DreamTuner.Studio.Components.Characters;

/// <summary>The mutable form model behind <see cref="CharacterUploadForm"/>.</summary>
public sealed class CharacterDraftModel
{
    public string Name { get; set; } = "";

    public string? ClassWord { get; set; }

    public string? Caption { get; set; }
}
