using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training.Pretraining;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training.Pretraining;

public sealed class PretrainingDatasetTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-pretrain-data");

    public void Dispose() => Directory.Delete(_dir, true);

    private static void AssertOneLine(PretrainingDataException e, string mentions)
    {
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(mentions, e.Message);
    }

    [Fact]
    public void An_empty_folder_is_a_one_line_error()
    {
        var e = Assert.Throws<PretrainingDataException>(() => PretrainingDataset.Scan(_dir));
        AssertOneLine(e, "no images");
    }

    [Fact]
    public void A_missing_folder_is_a_one_line_error()
    {
        var e = Assert.Throws<PretrainingDataException>(() => PretrainingDataset.Scan(Path.Combine(_dir, "nope")));
        AssertOneLine(e, "not found");
    }

    [Fact]
    public void An_unreadable_image_is_a_one_line_error_naming_the_file()
    {
        TinyPretraining.WriteDataset(_dir, count: 2);
        File.WriteAllText(Path.Combine(_dir, "broken.png"), "this is not a png");
        var e = Assert.Throws<PretrainingDataException>(() => PretrainingDataset.Scan(_dir).Validate());
        AssertOneLine(e, "broken.png");
    }

    [Fact]
    public void A_mask_of_another_size_is_a_one_line_error_naming_both_sizes()
    {
        TinyPretraining.WriteDataset(_dir, count: 2);
        File.WriteAllBytes(Path.Combine(_dir, "img01.mask.png"), ImageTensors.ToPng(zeros(1, 3, 16, 24)));
        var e = Assert.Throws<PretrainingDataException>(() => PretrainingDataset.Scan(_dir).Validate());
        AssertOneLine(e, "img01.mask.png");
        Assert.Contains("24x16", e.Message);
        Assert.Contains("32x32", e.Message);
    }

    [Fact]
    public void Captions_masks_and_depth_maps_are_found_by_name_and_are_not_examples_themselves()
    {
        TinyPretraining.WriteDataset(_dir, count: 3, depth: true);
        var data = PretrainingDataset.Scan(_dir).Validate();
        Assert.Equal(3, data.Count);
        Assert.True(data.HasDepth);
        Assert.Equal("a photo of a square number 1", data.Examples[1].Caption);
        using var sample = data.Load(1, 16, [AlphaForegroundSegmenter.Instance]);
        Assert.Equal([1L, 3, 16, 16], sample.Image01.shape);
        Assert.Equal([1L, 1, 16, 16], sample.Mask.shape);
        Assert.NotNull(sample.Depth01);
        Assert.InRange(sample.Mask.mean().item<float>(), 0.15f, 0.35f);
    }

    [Fact]
    public void Without_a_mask_file_the_mask_comes_from_the_segmenters_and_else_is_the_whole_image()
    {
        TinyPretraining.WriteDataset(_dir, count: 1, masks: false);
        var data = PretrainingDataset.Scan(_dir);
        using (var whole = data.Load(0, 32, [AlphaForegroundSegmenter.Instance]))
            Assert.Equal(1f, whole.Mask.min().item<float>());
        using var fromSegmenter = data.Load(0, 32, [new HalfSegmenter()]);
        Assert.Equal(0.5f, fromSegmenter.Mask.mean().item<float>(), 2);
    }

    private sealed class HalfSegmenter : IForegroundSegmenter
    {
        public Tensor? Segment(Tensor image01, Tensor? alpha)
        {
            var mask = zeros(1, 1, image01.shape[2], image01.shape[3]);
            mask[.., .., .., ..(int)(image01.shape[3] / 2)] = 1;
            return mask;
        }
    }
}
