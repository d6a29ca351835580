using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class DdimContractTests : SchedulerContractTests
{
    protected override string Name => SchedulerFactory.Ddim;
}
