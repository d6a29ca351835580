namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>
/// How strongly the subject-encoder's input is distorted (appendix A: "elastic transform, random flip, blur, and random
/// scale and rotation", to make the encoder's input differ from the image it must help reconstruct). The paper gives
/// no magnitudes; these are moderate torchvision-like values. Geometric distortions move the mask with the image.
/// </summary>
public sealed record EncoderAugmentationOptions
{
    public bool Enabled { get; init; } = true;
    public double FlipProbability { get; init; } = 0.5;
    public double MaxRotationDegrees { get; init; } = 15;
    public double MinScale { get; init; } = 0.85;
    public double MaxScale { get; init; } = 1.15;
    public double ElasticProbability { get; init; } = 0.5;

    /// <summary>Largest typical displacement of the elastic warp, as a fraction of the image side.</summary>
    public double ElasticStrength { get; init; } = 0.03;

    /// <summary>Cells per side of the random displacement field before it is smoothly upsampled (fewer = smoother).</summary>
    public int ElasticGrid { get; init; } = 6;

    public double BlurProbability { get; init; } = 0.3;

    /// <summary>Largest Gaussian blur sigma, as a fraction of the image side.</summary>
    public double MaxBlurSigma { get; init; } = 0.01;

    public void Validate()
    {
        foreach (var (name, p) in new[] { ("flip", FlipProbability), ("elastic", ElasticProbability), ("blur", BlurProbability) })
            if (p is < 0 or > 1) throw new ArgumentException($"the {name} probability must be in [0, 1], got {p}.");
        if (MinScale <= 0 || MaxScale < MinScale) throw new ArgumentException($"the scale range must be positive and ordered, got {MinScale}..{MaxScale}.");
        if (MaxRotationDegrees is < 0 or > 180) throw new ArgumentException($"the rotation must be 0-180 degrees, got {MaxRotationDegrees}.");
        if (ElasticStrength < 0 || MaxBlurSigma < 0) throw new ArgumentException("elastic strength and blur sigma must not be negative.");
        if (ElasticGrid < 2) throw new ArgumentException($"the elastic grid needs at least 2 cells per side, got {ElasticGrid}.");
    }
}
