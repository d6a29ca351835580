using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>A character's reference image with its foreground mask as a switchable overlay (background darkened).</summary>
public partial class CharacterImageView
{
    private bool _showMask = true;

    /// <summary>URL of the reference image. Required; default empty.</summary>
    [Parameter, EditorRequired]
    public string ImageUrl { get; set; } = "";

    /// <summary>URL of the mask, or null when the character has none. Default null.</summary>
    [Parameter]
    public string? MaskUrl { get; set; }

    /// <summary>Alternative text of the image. Default "Reference image".</summary>
    [Parameter]
    public string Alt { get; set; } = "Reference image";
}
