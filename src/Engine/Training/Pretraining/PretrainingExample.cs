namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>
/// One image of the pretraining folder and the files that belong to it by name: <c>NAME.txt</c> (caption),
/// <c>NAME.mask.png</c> (subject mask, white = subject) and <c>NAME.depth.png</c> (depth map for the ControlNet).
/// </summary>
public sealed record PretrainingExample(string ImagePath, string Caption, string? MaskPath, string? DepthPath)
{
    public string Name => Path.GetFileName(ImagePath);
}
