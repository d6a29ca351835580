using DreamTuner.Data.Entities;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>Says whether a character has a mask and where it came from (the image's transparency, the segmentation model, or painted).</summary>
public partial class MaskSourceLabel
{
    /// <summary>Whether the character has a mask. Default false.</summary>
    [Parameter]
    public bool HasMask { get; set; }

    /// <summary>Where the mask came from; null when unknown (masks made before this was recorded). Default null.</summary>
    [Parameter]
    public MaskSource? Source { get; set; }

    /// <summary>Whether a model-made mask carries the hint that it can be painted over. Default true.</summary>
    [Parameter]
    public bool ShowHint { get; set; } = true;

    /// <summary>Id of the text element. Default "mask-state".</summary>
    [Parameter]
    public string Id { get; set; } = "mask-state";

    /// <summary>The sentence shown for a mask state.</summary>
    public static string Describe(bool hasMask, MaskSource? source) => (hasMask, source) switch
    {
        (false, _) => "none",
        (true, MaskSource.Alpha) => "yes, from the image's transparency",
        (true, MaskSource.SegmentationModel) => "yes, from the segmentation model",
        (true, MaskSource.Painted) => "yes, painted",
        _ => "yes (from the image's transparency, or painted)",
    };

    private string Text => Describe(HasMask, Source);
}
