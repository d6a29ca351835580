using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class PndmContractTests : SchedulerContractTests
{
    protected override string Name => SchedulerFactory.Pndm;

    /// <summary>diffusers' PNDM cannot predict x0 directly.</summary>
    protected override bool Supports(string predictionType) => predictionType != SchedulerConfig.Sample;

    /// <summary>The kept timesteps with the PLMS warm-up repetition rebuilt: [t5, t6, t6, t7, ...] of the unique list.</summary>
    protected override double[] ExpectedImg2ImgTimesteps(double[] full, int start)
    {
        var unique = full.Distinct().ToArray();
        var kept = unique[start..];
        return [kept[0], kept[1], .. kept[1..]];
    }
}
