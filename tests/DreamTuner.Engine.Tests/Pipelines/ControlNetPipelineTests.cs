using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Pipelines;

/// <summary>ControlNet inside the full pipeline (the residuals themselves are checked in ControlNetModelTests).</summary>
public sealed class ControlNetPipelineTests : IDisposable
{
    private readonly StableDiffusionModel _model;

    public ControlNetPipelineTests()
    {
        ReferenceWarmup.Ensure();
        _ = Reference.Input("controlnet.cond");
        _ = Reference.Input("txt2img.latents");
        _model = TinyModel.Load(withControlNet: true);
    }

    public void Dispose() => _model.Dispose();

    private Tensor Run(double? controlScale)
    {
        using var scope = NewDisposeScope();
        var request = TinyModel.ReferenceRequest("txt2img_ddim") with { Steps = 4 };
        if (controlScale is { } scale)
            request = request with { ControlImage = Reference.Input("controlnet.cond")[..1], ControlScale = scale };
        using var result = new StableDiffusionPipeline(_model).Generate(request);
        return result.Images.clone().MoveToOuterDisposeScope();
    }

    [Fact]
    public void Control_scale_zero_gives_exactly_the_image_without_controlnet()
    {
        using var scope = NewDisposeScope();
        var without = Run(null);
        var zero = Run(0.0);
        // Zero residuals added to the UNet's skips must leave every float unchanged.
        Assert.Equal(0.0, (without - zero).abs().max().item<float>());
    }

    [Fact]
    public void Control_scale_one_changes_the_image()
    {
        using var scope = NewDisposeScope();
        var without = Run(null);
        var full = Run(1.0);
        Assert.True((without - full).abs().max().item<float>() > 1e-3);
    }
}
