namespace DreamTuner.Data.Jobs;

/// <summary>
/// A running generation's progress after a denoising step, with a JPEG preview of the x0 estimate. Sent by engines to
/// the studio's engine hub and relayed to browsers. <see cref="IsFinal"/> marks the last step's preview.
/// </summary>
public sealed record GenerationPreview(
    Guid GenerationId, Guid ProjectId, Guid? GroupId, int Step, int TotalSteps, double? SecondsRemaining, byte[]? Jpeg)
{
    public bool IsFinal => Step >= TotalSteps;
}
