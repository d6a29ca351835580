using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class DpmPlusPlus2MKarrasContractTests : SchedulerContractTests
{
    protected override string Name => SchedulerFactory.DpmPlusPlus2MKarras;
}
