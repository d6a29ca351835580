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

    /// <summary>The square around the subject to outline over the image, or null. Default null.</summary>
    [Parameter]
    public Services.SubjectCrop? Crop { get; set; }

    private string CropStyle => Crop is { } c
        ? FormattableString.Invariant($"left:{100.0 * c.Left / c.ImageWidth:0.###}%;top:{100.0 * c.Top / c.ImageHeight:0.###}%;width:{100.0 * c.Side / c.ImageWidth:0.###}%;height:{100.0 * c.Side / c.ImageHeight:0.###}%")
        : "";

    /// <summary>Prefix of the element ids, so several views can share a page (the compare view). Default empty.</summary>
    [Parameter]
    public string IdPrefix { get; set; } = "";

    /// <summary>Alternative text of the image. Default "Reference image".</summary>
    [Parameter]
    public string Alt { get; set; } = "Reference image";
}
