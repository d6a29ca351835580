namespace DreamTuner.Data.Entities;

/// <summary>The kind of ControlNet conditioning image a generation uses.</summary>
public enum ControlType
{
    Canny,
    Depth,
    Pose,
    Scribble,
    LineArt,
    Segmentation,
}
