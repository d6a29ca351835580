namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// Turns a sampler name and a model's scheduler config into a scheduler. Like diffusers' <c>Cls.from_config(config)</c>,
/// settings the file lacks take each class's own default (applied by the scheduler constructors): timestep_spacing
/// "leading" for DDIM/PNDM and "linspace" for Euler, Euler-a and DPM++; DDIM's set_alpha_to_one/clip_sample true.
/// </summary>
public static class SchedulerFactory
{
    public const string Pndm = "pndm";
    public const string Ddim = "ddim";
    public const string DpmPlusPlus2M = "dpmpp-2m";
    public const string DpmPlusPlus2MKarras = "dpmpp-2m-karras";
    public const string Euler = "euler";
    public const string EulerAncestral = "euler-a";

    public static IReadOnlyList<string> Names { get; } = [Pndm, Ddim, DpmPlusPlus2M, DpmPlusPlus2MKarras, Euler, EulerAncestral];

    /// <summary>
    /// Creates the scheduler <paramref name="name"/>. For the DPM-Solver names the name decides Karras sigmas;
    /// Euler schedulers follow the config's use_karras_sigmas.
    /// </summary>
    public static IScheduler Create(string name, SchedulerConfig config, SamplerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(config);
        return name switch
        {
            Pndm => new PndmScheduler(config),
            Ddim => new DdimScheduler(config, options),
            DpmPlusPlus2M => new DpmSolverMultistepScheduler(config with { UseKarrasSigmas = false }),
            DpmPlusPlus2MKarras => new DpmSolverMultistepScheduler(config with { UseKarrasSigmas = true }),
            Euler => new EulerDiscreteScheduler(config),
            EulerAncestral => new EulerAncestralScheduler(config),
            _ => throw new ArgumentException($"Scheduler \"{name}\" does not exist; valid names: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>Reads <c>scheduler_config.json</c> and creates the scheduler <paramref name="name"/> from it.</summary>
    public static IScheduler Create(string name, string schedulerConfigPath, SamplerOptions? options = null) =>
        Create(name, SchedulerConfig.Read(schedulerConfigPath), options);
}
