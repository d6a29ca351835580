using System.Text.Json.Serialization;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// The union of the fields of diffusers' <c>scheduler/scheduler_config.json</c> that our schedulers use, with
/// diffusers' defaults. Keys the file lacks keep these defaults; settings whose default differs between
/// diffusers classes are nullable and resolved by <see cref="SchedulerFactory"/> (e.g. <see cref="TimestepSpacing"/>
/// is "leading" for DDIM/PNDM but "linspace" for Euler and DPM-Solver). Unknown keys are ignored like diffusers does.
/// </summary>
public sealed record SchedulerConfig
{
    public const string Linear = "linear";
    public const string ScaledLinear = "scaled_linear";
    public const string SquaredCosCapV2 = "squaredcos_cap_v2";

    public const string Epsilon = "epsilon";
    public const string VPrediction = "v_prediction";
    public const string Sample = "sample";

    public const string Leading = "leading";
    public const string Linspace = "linspace";
    public const string Trailing = "trailing";

    public const string DpmSolverPlusPlus = "dpmsolver++";
    public const string Midpoint = "midpoint";
    public const string Heun = "heun";
    public const string FinalSigmaZero = "zero";
    public const string FinalSigmaMin = "sigma_min";

    /// <summary>diffusers class that wrote the file (informational: the factory name chooses the sampler).</summary>
    [JsonPropertyName("_class_name")]
    public string? ClassName { get; init; }

    public int NumTrainTimesteps { get; init; } = 1000;
    public double BetaStart { get; init; } = 0.0001;
    public double BetaEnd { get; init; } = 0.02;

    /// <summary><c>linear</c>, <c>scaled_linear</c> (SD 1.x) or <c>squaredcos_cap_v2</c>.</summary>
    public string BetaSchedule { get; init; } = Linear;

    /// <summary>Explicit betas; when present they replace <see cref="BetaSchedule"/>.</summary>
    public double[]? TrainedBetas { get; init; }

    /// <summary><c>epsilon</c>, <c>v_prediction</c> or <c>sample</c>: what the UNet predicts.</summary>
    public string PredictionType { get; init; } = Epsilon;

    /// <summary>Added to "leading" timesteps (SD 1.x: 1, so the schedule ends at t=1).</summary>
    public int StepsOffset { get; init; }

    /// <summary>DDIM/PNDM: alpha_cumprod after the last step is 1 (true) or alphas_cumprod[0] (false).
    /// Null = the class default (DDIM true, PNDM false).</summary>
    public bool? SetAlphaToOne { get; init; }

    /// <summary>PNDM: skip the Runge-Kutta warm-up and use the PLMS path only (SD 1.x: true).</summary>
    public bool SkipPrkSteps { get; init; }

    /// <summary>DDIM: clamp the predicted x0 to ±<see cref="ClipSampleRange"/>. Null = class default (DDIM true).</summary>
    public bool? ClipSample { get; init; }

    public double ClipSampleRange { get; init; } = 1.0;

    /// <summary><c>leading</c>, <c>linspace</c> or <c>trailing</c> (Table 2 of arXiv:2305.08891); null = class default.</summary>
    public string? TimestepSpacing { get; init; }

    /// <summary>Euler / DPM-Solver: Karras et al. (2022) sigma schedule (rho 7) instead of the trained one.</summary>
    public bool UseKarrasSigmas { get; init; }

    /// <summary>DPM-Solver: only <c>dpmsolver++</c> (data prediction) is implemented.</summary>
    public string AlgorithmType { get; init; } = DpmSolverPlusPlus;

    /// <summary>DPM-Solver: <c>midpoint</c> or <c>heun</c> second-order update.</summary>
    public string SolverType { get; init; } = Midpoint;

    /// <summary>DPM-Solver: multistep order, 1 or 2.</summary>
    public int SolverOrder { get; init; } = 2;

    /// <summary>DPM-Solver: use lower orders on the last steps when there are fewer than 15 (stabilises few-step runs).</summary>
    public bool LowerOrderFinal { get; init; } = true;

    /// <summary>DPM-Solver: the last step is first order whatever the step count.</summary>
    public bool EulerAtFinal { get; init; }

    /// <summary>DPM-Solver: last sigma is <c>zero</c> or <c>sigma_min</c> (the trained minimum).</summary>
    public string FinalSigmasType { get; init; } = FinalSigmaZero;

    /// <summary>Euler: how sigmas are interpolated between training timesteps; only <c>linear</c> is implemented.</summary>
    public string InterpolationType { get; init; } = Linear;

    /// <summary>Dynamic thresholding (Imagen): not implemented, rejected when true.</summary>
    public bool Thresholding { get; init; }

    /// <summary>Zero-terminal-SNR beta rescaling (arXiv:2305.08891): not implemented, rejected when true.</summary>
    public bool RescaleBetasZeroSnr { get; init; }

    private static readonly string[] BetaSchedules = [Linear, ScaledLinear, SquaredCosCapV2];
    private static readonly string[] PredictionTypes = [Epsilon, VPrediction, Sample];
    private static readonly string[] Spacings = [Leading, Linspace, Trailing];

    /// <summary>Reads <c>scheduler_config.json</c> and validates it.</summary>
    public static SchedulerConfig Read(string path)
    {
        var config = ConfigFile.Read<SchedulerConfig>(path);
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"{path}: {e.Message}", e);
        }
        return config;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting and its value when the config cannot be used.</summary>
    public void Validate()
    {
        if (NumTrainTimesteps < 2)
            throw new ArgumentException($"num_train_timesteps must be at least 2, got {NumTrainTimesteps}.");
        if (TrainedBetas is { } betas)
        {
            if (betas.Length != NumTrainTimesteps)
                throw new ArgumentException($"trained_betas has {betas.Length} values but num_train_timesteps is {NumTrainTimesteps}.");
            if (betas.Any(b => !(b > 0 && b < 1)))
                throw new ArgumentException("trained_betas must all lie in (0, 1).");
        }
        else
        {
            OneOf("beta_schedule", BetaSchedule, BetaSchedules);
            if (BetaSchedule != SquaredCosCapV2 && !(BetaStart > 0 && BetaStart <= BetaEnd && BetaEnd < 1))
                throw new ArgumentException($"beta_start {BetaStart} and beta_end {BetaEnd} must satisfy 0 < beta_start <= beta_end < 1.");
        }
        OneOf("prediction_type", PredictionType, PredictionTypes);
        if (TimestepSpacing != null)
            OneOf("timestep_spacing", TimestepSpacing, Spacings);
        if (StepsOffset < 0 || StepsOffset >= NumTrainTimesteps)
            throw new ArgumentException($"steps_offset {StepsOffset} must lie in [0, num_train_timesteps={NumTrainTimesteps}).");
        if (ClipSampleRange <= 0)
            throw new ArgumentException($"clip_sample_range must be positive, got {ClipSampleRange}.");
        OneOf("algorithm_type", AlgorithmType, [DpmSolverPlusPlus]);
        OneOf("solver_type", SolverType, [Midpoint, Heun]);
        if (SolverOrder is < 1 or > 2)
            throw new ArgumentException($"solver_order {SolverOrder} is not supported (1 or 2).");
        OneOf("final_sigmas_type", FinalSigmasType, [FinalSigmaZero, FinalSigmaMin]);
        OneOf("interpolation_type", InterpolationType, [Linear]);
        if (Thresholding)
            throw new ArgumentException("thresholding=true (dynamic thresholding) is not supported.");
        if (RescaleBetasZeroSnr)
            throw new ArgumentException("rescale_betas_zero_snr=true is not supported.");
    }

    private static void OneOf(string key, string value, string[] allowed)
    {
        if (!allowed.Contains(value))
            throw new ArgumentException($"{key} \"{value}\" is not supported; expected one of: {string.Join(", ", allowed)}.");
    }
}
