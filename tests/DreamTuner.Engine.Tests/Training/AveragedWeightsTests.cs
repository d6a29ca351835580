using DreamTuner.Engine.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

public sealed class AveragedWeightsTests
{
    [Fact]
    public void The_average_starts_at_its_step_and_then_folds_in_each_steps_weights_by_the_decay()
    {
        using var weight = new Parameter(tensor(new float[] { 0 }));
        using var average = new AveragedWeights(new Dictionary<string, Parameter> { ["w"] = weight }, decay: 0.5, startStep: 2);
        average.Begin(0);
        void Step(int done, float value)
        {
            using (no_grad()) weight.fill_(value);
            average.AfterStep(done);
        }
        Step(1, 1);
        Assert.False(average.Started);
        Step(2, 2);
        Step(3, 4);
        Step(4, 8);
        // 2, then 0.5·2 + 0.5·4 = 3, then 0.5·3 + 0.5·8 = 5.5
        Assert.Equal(5.5f, average.State!["w"].item<float>());
        average.CopyToWeights();
        Assert.Equal(5.5f, weight.item<float>());
    }

    [Fact]
    public void Copying_an_average_that_never_started_is_refused()
    {
        using var weight = new Parameter(tensor(new float[] { 1 }));
        using var average = new AveragedWeights(new Dictionary<string, Parameter> { ["w"] = weight }, decay: 0.9, startStep: 5);
        average.Begin(0);
        average.AfterStep(1);
        Assert.Throws<InvalidOperationException>(average.CopyToWeights);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 0)]
    [InlineData(0.9, -1)]
    public void A_decay_outside_zero_to_one_or_a_negative_start_is_refused(double decay, int start)
    {
        using var weight = new Parameter(tensor(new float[] { 1 }));
        Assert.Throws<ArgumentException>(() => new AveragedWeights(new Dictionary<string, Parameter> { ["w"] = weight }, decay, start));
    }
}
