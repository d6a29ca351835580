using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Segmentation;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Segmentation;

public sealed class OnnxSaliencySegmenterTests
{
    private static Tensor Load(string name, out Tensor? alpha)
    {
        var loaded = ImageTensors.Load(File.ReadAllBytes(Path.Combine(TestPaths.Images, name)), PixelRange.ZeroToOne);
        alpha = loaded.Alpha;
        return loaded.Pixels;
    }

    /// <summary>Mean mask value in the central third versus the top and bottom 8-pixel strips of the frame.</summary>
    private static (double Centre, double Border) CentreAndBorder(Tensor mask)
    {
        int h = (int)mask.shape[2], w = (int)mask.shape[3];
        var centre = mask[.., .., (h / 3)..(2 * h / 3), (w / 3)..(2 * w / 3)].mean().item<float>();
        var border = cat([mask[.., .., ..8, ..].flatten(), mask[.., .., (h - 8).., ..].flatten()]).mean().item<float>();
        return (centre, border);
    }

    [FactRequiringSegmenter]
    public void The_cat_photo_gets_a_mask_on_the_cat_and_not_on_the_room()
    {
        using var scope = NewDisposeScope();
        using var segmenter = new OnnxSaliencySegmenter(FactRequiringSegmenterAttribute.ModelPath!);
        var image = Load("chelsea.png", out var alpha);
        var mask = segmenter.Segment(image, alpha)!;
        Assert.Equal(new long[] { 1, 1, image.shape[2], image.shape[3] }, mask.shape);
        // The cat fills the frame top to bottom; the room shows in the right-hand tenth of the photo.
        int w = (int)mask.shape[3];
        var centre = mask[.., .., .., (w / 3)..(2 * w / 3)].mean().item<float>();
        var room = mask[.., .., .., (w - w / 10)..].mean().item<float>();
        Assert.True(centre > 0.5 && room < centre - 0.3, $"centre {centre:F2}, right edge {room:F2}");
    }

    [FactRequiringSegmenter]
    public void The_coffee_cup_is_found_as_the_salient_object()
    {
        using var scope = NewDisposeScope();
        using var segmenter = new OnnxSaliencySegmenter(FactRequiringSegmenterAttribute.ModelPath!);
        var image = Load("coffee.png", out var alpha);
        var mask = segmenter.Segment(image, alpha)!;
        var (centre, border) = CentreAndBorder(mask);
        Assert.True(centre > border + 0.3, $"centre {centre:F2}, border {border:F2}");
        Assert.InRange(mask.mean().item<float>(), 0.05, 0.9);
    }

    [FactRequiringSegmenter]
    public void An_image_with_transparency_is_left_to_its_alpha()
    {
        using var scope = NewDisposeScope();
        using var segmenter = new OnnxSaliencySegmenter(FactRequiringSegmenterAttribute.ModelPath!);
        var image = Load("horse-cutout.png", out var alpha);
        Assert.NotNull(alpha);
        Assert.Null(segmenter.Segment(image, alpha));
    }

    [Fact]
    public void A_missing_model_file_is_a_one_line_error_naming_the_script()
    {
        var e = Assert.Throws<CheckpointException>(() => new OnnxSaliencySegmenter("/nonexistent/isnet.onnx"));
        Assert.Contains("fetch-isnet.sh", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_a_clear_error()
    {
        var path = Path.Combine(TestPaths.NewTempDir("dt-onnx"), "isnet-small.onnx");
        File.WriteAllText(path, "not a model");
        var e = Assert.Throws<CheckpointException>(() => new OnnxSaliencySegmenter(path));
        Assert.Contains("not a usable ONNX model", e.Message);
    }

    [Fact]
    public void Without_an_installed_model_TryLoad_returns_null()
    {
        Assert.Null(OnnxSaliencySegmenter.TryLoad(TestPaths.NewTempDir("dt-models")));
    }
}
