namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// The quality bar's own targets read by the same reader without the UNet: rendered exactly, and after the model's
/// VAE (encode, posterior mean, decode). The second is the most a perfect UNet could score, since every generated
/// image leaves through that decoder; a bar above it cannot be met by training the UNet alone.
/// </summary>
public sealed record QualityBarCeilings(QualityBarResult Renders, QualityBarResult VaeRoundTrips);
