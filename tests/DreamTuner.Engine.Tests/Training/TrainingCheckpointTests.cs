using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

public sealed class TrainingCheckpointTests : IDisposable
{
    private readonly string _temp = TestPaths.NewTempDir("dt-checkpoint");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void A_restored_optimiser_keeps_the_learning_rate_it_was_built_with()
    {
        var weight = new TorchSharp.Modules.Parameter(zeros(3));
        var trainable = new Dictionary<string, Tensor> { ["w"] = weight };
        var saving = optim.AdamW([weight], lr: 1e-3);
        weight.sum().backward();
        saving.step();
        var dir = Path.Combine(_temp, "checkpoint");
        TrainingCheckpoint.Save(dir, 1, [1.0], trainable, saving);

        var resumedWeight = new TorchSharp.Modules.Parameter(zeros(3));
        var resumed = optim.AdamW([resumedWeight], lr: 5e-4);
        TrainingCheckpoint.Restore(dir, new Dictionary<string, Tensor> { ["w"] = resumedWeight }, resumed);

        Assert.Equal(5e-4, Assert.Single(resumed.ParamGroups).LearningRate, 12);
        Assert.True(resumedWeight.eq(weight).all().item<bool>());
    }
}
