using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// The one contract every noise scheduler keeps so the denoising loop treats them alike (diffusers' SchedulerMixin:
/// set_timesteps, scale_model_input, step, add_noise). Steps are addressed by their index into <see cref="Timesteps"/>
/// rather than by timestep value, because schedules may repeat a timestep (PNDM) or be fractional (Euler).
/// <code>
/// scheduler.SetTimesteps(steps);                       // or SetTimesteps(steps, strength) for img2img
/// var x = noise * scheduler.InitNoiseSigma;            // img2img: x = scheduler.AddNoise(latents, noise, 0)
/// for (int i = 0; i &lt; scheduler.StepCount; i++)
/// {
///     var eps = unet(scheduler.ScaleModelInput(x, i), scheduler.TimestepAt(i), ...);
///     x = scheduler.Step(eps, i, x, generator).PrevSample;
/// }
/// </code>
/// Multistep schedulers (PNDM, DPM-Solver) keep a history and must be stepped in order from index 0 after
/// <see cref="SetTimesteps"/>. Returned tensors belong to the caller's dispose scope; the scheduler keeps its own
/// history and schedule outside any scope and frees them in <see cref="IDisposable.Dispose"/>.
/// </summary>
public interface IScheduler : IDisposable
{
    /// <summary>The validated config with this scheduler's class defaults applied.</summary>
    SchedulerConfig Config { get; }

    /// <summary>
    /// Builds the schedule for <paramref name="steps"/> inference steps and resets any multistep state.
    /// With <paramref name="strength"/> &lt; 1 (img2img) only the last steps are kept, as diffusers' img2img
    /// get_timesteps does: init = min(floor(steps*strength), steps), start = max(steps - init, 0); index 0 is then
    /// the first kept step, where <see cref="AddNoise"/> noises the input image.
    /// </summary>
    void SetTimesteps(int steps, double strength = 1.0);

    /// <summary>The UNet timesteps of the loop in order (int64, or float32 for Euler-type schedulers).
    /// Owned by the scheduler (valid until the next <see cref="SetTimesteps"/>): do not dispose.</summary>
    Tensor Timesteps { get; }

    /// <summary>Number of loop iterations (model evaluations): the length of <see cref="Timesteps"/>.</summary>
    int StepCount { get; }

    /// <summary>Standard deviation of the initial noise: txt2img latents are noise times this.</summary>
    double InitNoiseSigma { get; }

    /// <summary>The timestep to give the UNet at <paramref name="stepIndex"/> (a 0-d tensor).</summary>
    Tensor TimestepAt(int stepIndex);

    /// <summary>The UNet input for the current sample (identity except for sigma-space schedulers like Euler).</summary>
    Tensor ScaleModelInput(Tensor sample, int stepIndex);

    /// <summary>
    /// One denoising step from <paramref name="sample"/> at <paramref name="stepIndex"/> given the UNet output.
    /// <paramref name="generator"/> supplies the noise of stochastic samplers (null: the global generator).
    /// </summary>
    SchedulerStepResult Step(Tensor modelOutput, int stepIndex, Tensor sample, Generator? generator = null);

    /// <summary>Forward diffusion of <paramref name="original"/> to the noise level of <paramref name="stepIndex"/>
    /// (in the sample space the loop uses, so the result can be the first loop sample).</summary>
    Tensor AddNoise(Tensor original, Tensor noise, int stepIndex);
}
