namespace DreamTuner.Engine.Jobs;

/// <summary>
/// One step's progress as the denoising thread hands it over: the x0 estimate of the first image already copied to
/// the CPU ([4, LatentHeight, LatentWidth]), so encoding happens on the publisher's thread.
/// </summary>
public sealed record PreviewFrame(
    Guid GenerationId, Guid ProjectId, Guid? GroupId, int Step, int TotalSteps, double? SecondsRemaining,
    float[]? Latents, int LatentHeight, int LatentWidth, int ImageWidth, int ImageHeight);
