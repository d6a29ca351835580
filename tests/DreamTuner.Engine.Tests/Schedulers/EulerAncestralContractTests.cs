using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class EulerAncestralContractTests : SchedulerContractTests
{
    protected override string Name => SchedulerFactory.EulerAncestral;

    protected override bool IsAncestral => true;
}
