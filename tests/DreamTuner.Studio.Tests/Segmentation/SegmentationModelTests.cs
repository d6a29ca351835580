using DreamTuner.Data.Tests.Support;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services.Segmentation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.Segmentation;

/// <summary>The segmentation model on its own (no database): a hand-written ONNX model stands in for U²-Net.</summary>
public sealed class SegmentationModelTests : IDisposable
{
    private readonly TempFolder _models = new();
    private readonly CountingLogger _logger = new();

    private SegmentationModel Model() => new(Microsoft.Extensions.Options.Options.Create(new ModelFolderOptions { ModelsRoot = _models.Path }), _logger);

    private void Install(byte[] model)
    {
        var path = Path.Combine(_models.Path, SegmentationModel.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, model);
    }

    [Fact]
    public void Installed_model_outlines_a_red_square_on_a_blue_background()
    {
        Install(Support.TinyOnnxModel.RedSaliency());
        using var model = Model();

        var mask = model.PredictMask(SegmentationImages.RedSquareOnBlue(), SegmentationImages.Side, SegmentationImages.Side);

        Assert.NotNull(mask);
        using var bitmap = SKBitmap.Decode(mask);
        Assert.Equal((SegmentationImages.Side, SegmentationImages.Side, SKColorType.Gray8), (bitmap.Width, bitmap.Height, bitmap.ColorType));
        Assert.Equal(255, bitmap.GetPixel(32, 32).Red); // the square's centre
        Assert.Equal(0, bitmap.GetPixel(4, 4).Red);     // background corners
        Assert.Equal(0, bitmap.GetPixel(60, 60).Red);
        Assert.True(SegmentationImages.IoU(mask, SegmentationImages.Square) > 0.9);
        Assert.Equal(0, _logger.Warnings);
    }

    [Fact]
    public void Missing_model_file_means_no_mask_and_no_warning()
    {
        using var model = Model();
        Assert.Null(model.PredictMask(SegmentationImages.RedSquareOnBlue(), SegmentationImages.Side, SegmentationImages.Side));
        Assert.Equal(0, _logger.Warnings);
    }

    [Fact]
    public void Unset_models_root_means_no_mask()
    {
        using var model = new SegmentationModel(Microsoft.Extensions.Options.Options.Create(new ModelFolderOptions()), _logger);
        Assert.Null(model.PredictMask(SegmentationImages.RedSquareOnBlue(), SegmentationImages.Side, SegmentationImages.Side));
    }

    [Fact]
    public void Corrupt_model_file_logs_one_warning_and_gives_no_mask()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        Install(junk);
        using var model = Model();

        var first = model.PredictMask(SegmentationImages.RedSquareOnBlue(), SegmentationImages.Side, SegmentationImages.Side);
        var second = model.PredictMask(SegmentationImages.RedSquareOnBlue(), SegmentationImages.Side, SegmentationImages.Side);

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal(1, _logger.Warnings);
    }

    [Fact]
    public void Flat_saliency_map_names_no_subject()
    {
        Assert.Null(SaliencyMask.FromSaliency(new float[16], 4, 4, 8, 8));
    }

    [Fact]
    public void Saliency_map_is_min_max_normalised_and_resized_to_the_image()
    {
        // Values 10..11: below 10.5 is background after normalisation, whatever the absolute scale.
        float[] map = [10f, 10f, 11f, 11f];
        var mask = SaliencyMask.FromSaliency(map, 2, 2, 4, 6);
        Assert.NotNull(mask);
        using var bitmap = SKBitmap.Decode(mask);
        Assert.Equal((4, 6), (bitmap.Width, bitmap.Height));
        Assert.Equal(0, bitmap.GetPixel(1, 0).Red);
        Assert.Equal(255, bitmap.GetPixel(1, 5).Red);
    }

    public void Dispose() => _models.Dispose();

    private sealed class CountingLogger : ILogger<SegmentationModel>
    {
        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                Warnings++;
        }
    }
}
