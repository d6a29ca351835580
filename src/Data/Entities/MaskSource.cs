namespace DreamTuner.Data.Entities;

/// <summary>Where a character's foreground mask came from.</summary>
public enum MaskSource
{
    /// <summary>Derived from the uploaded image's alpha channel.</summary>
    Alpha,

    /// <summary>Predicted by the installed segmentation model (the image had no usable alpha).</summary>
    SegmentationModel,

    /// <summary>Painted by a user with the brush and eraser.</summary>
    Painted,
}
