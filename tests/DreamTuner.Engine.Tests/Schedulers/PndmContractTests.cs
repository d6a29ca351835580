using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class PndmContractTests : SchedulerContractTests
{
    protected override string Name => SchedulerFactory.Pndm;

    /// <summary>diffusers' PNDM cannot predict x0 directly.</summary>
    protected override bool Supports(string predictionType) => predictionType != SchedulerConfig.Sample;

    /// <summary>
    /// diffusers slices PNDM's full list (with its repeated warm-up timestep) at the img2img start, which pairs
    /// samples and timesteps one stride apart after the warm-up; we keep that for parity, so exact recovery from the
    /// true noise holds only for the full schedule.
    /// </summary>
    protected override double RecoveryStrength => 1.0;
}
