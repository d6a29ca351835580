using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Pipelines;

/// <summary>
/// Whole txt2img runs against diffusers' StableDiffusionPipeline on the tiny reference model: every intermediate
/// the reference stored (text states, schedule, raw UNet output and sample after each step, decoded image) so that
/// a mismatch points at the step and stage where it starts.
/// </summary>
public sealed class TextToImageReferenceTests : IDisposable
{
    private readonly StableDiffusionModel _model;

    public TextToImageReferenceTests()
    {
        ReferenceWarmup.Ensure();
        _ = Reference.Input("txt2img.latents");
        _model = TinyModel.Load();
    }

    public void Dispose() => _model.Dispose();

    [Theory]
    [InlineData("txt2img_ddim")]
    [InlineData("txt2img_euler")]
    public void Text_to_image_run_matches_diffusers_step_by_step(string caseName)
    {
        using var recorder = new RecordingObserver();
        using var result = new StableDiffusionPipeline(_model).Generate(TinyModel.ReferenceRequest(caseName), recorder.OnStep,
            observer: recorder);

        using var scope = NewDisposeScope();
        Reference.AssertMatches($"{caseName}.prompt_embeds", recorder.PromptEmbeddings!);
        Reference.AssertMatches($"{caseName}.timesteps", recorder.Timesteps!);
        Assert.Equal(10, recorder.ModelOutputs.Count);
        Reference.AssertMatches($"{caseName}.unet_out", stack(recorder.ModelOutputs));
        Reference.AssertMatches($"{caseName}.latents", stack(recorder.Latents));
        Reference.AssertMatches($"{caseName}.image", result.ImagesInUnitRange().permute(0, 2, 3, 1));
        Reference.AssertMatches($"{caseName}.image_u8", ImageTensors.ToUint8(result.Images));
    }
}
