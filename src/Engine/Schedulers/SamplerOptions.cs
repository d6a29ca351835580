namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// Sampler settings that are not part of a model's scheduler_config.json (the user picks them per generation).
/// One record instead of a keyword tail on every sampler.
/// </summary>
public sealed record SamplerOptions
{
    public static readonly SamplerOptions Default = new();

    /// <summary>DDIM: weight of fresh noise per step (0 = deterministic DDIM, 1 = DDPM-like ancestral sampling).</summary>
    public double Eta { get; init; }

    public void Validate()
    {
        if (!(Eta >= 0 && Eta <= 1))
            throw new ArgumentException($"eta must lie in [0, 1], got {Eta}.");
    }
}
