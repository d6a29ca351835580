namespace DreamTuner.Data.Poses;

/// <summary>An 8-bit RGB colour of the OpenPose palette.</summary>
public readonly record struct PoseColour(byte R, byte G, byte B)
{
    /// <summary>CSS hex form ("#ff5500"), for the browser's preview drawing.</summary>
    public string Hex => $"#{R:x2}{G:x2}{B:x2}";
}
