using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Unet;

namespace DreamTuner.Engine.Tests.Pipelines;

public sealed class GenerationCancellationTests : IDisposable
{
    private readonly StableDiffusionModel _model;

    public GenerationCancellationTests()
    {
        ReferenceWarmup.Ensure();
        _ = Reference.Input("txt2img.latents");
        _model = TinyModel.Load();
    }

    public void Dispose() => _model.Dispose();

    [Fact]
    public void Cancelling_from_the_step_callback_stops_after_that_step()
    {
        using var cancellation = new CancellationTokenSource();
        using var recorder = new RecordingObserver();
        var request = TinyModel.ReferenceRequest("txt2img_ddim") with { Steps = 10 };
        var reported = new List<int>();

        Assert.ThrowsAny<OperationCanceledException>(() => new StableDiffusionPipeline(_model).Generate(request, p =>
        {
            reported.Add(p.Step);
            if (p.Step == 3) cancellation.Cancel();
        }, cancellation.Token, recorder));

        Assert.Equal([1, 2, 3], reported);
        // No UNet evaluation may start once the user has cancelled: that is the expensive part of a step.
        Assert.Equal(3, recorder.ModelOutputs.Count);
    }
}
