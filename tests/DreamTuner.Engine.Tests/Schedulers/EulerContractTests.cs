using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class EulerContractTests : SchedulerContractTests
{
    protected override string Name => SchedulerFactory.Euler;
}
