using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.DreamTuner;

public sealed class DreamTunerBadInputTests
{
    [Fact]
    public void A_reference_that_is_not_an_image_is_a_one_line_error()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "notes.png");
            File.WriteAllText(path, "this is not an image\nsecond line\n");
            var e = Assert.Throws<ImageRejectedException>(() => DreamTunerReference.FromFiles(path));
            Assert.DoesNotContain('\n', e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_mask_of_the_wrong_size_is_a_one_line_error_before_any_work()
    {
        using var model = TinyDreamTuner.Load();
        var request = new DreamTunerRequest
        {
            Base = TinyDreamTuner.Base(),
            References = [TinyDreamTuner.Reference(mask: zeros(1, 1, 10, 12))],
        };
        var e = Assert.Throws<ArgumentException>(() => new DreamTunerPipeline(model).Generate(request));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("12x10", e.Message);
    }

    [Fact]
    public void Choosing_a_coarse_identity_module_that_is_not_loaded_is_an_error()
    {
        using var model = TinyDreamTuner.Load();
        var request = new DreamTunerRequest
        {
            Base = TinyDreamTuner.Base(),
            References = [TinyDreamTuner.Reference()],
            CoarseIdentity = CoarseIdentityKind.SubjectEncoder,
        };
        Assert.Throws<ArgumentException>(() => new DreamTunerPipeline(model).Generate(request));
    }

    [Fact]
    public void Replace_background_with_white_keeps_the_subject_and_whitens_the_rest()
    {
        var image = full([1, 3, 2, 2], 0.25f);
        var mask = tensor(new float[] { 1, 0, 0.5f, 0 }).view(1, 1, 2, 2);
        var white = ReferenceImages.ReplaceBackgroundWithWhite(image, mask);
        Assert.Equal(0.25f, white[0, 0, 0, 0].item<float>());
        Assert.Equal(1f, white[0, 1, 0, 1].item<float>());
        Assert.Equal(0.625f, white[0, 2, 1, 0].item<float>(), 6);
    }

    [Fact]
    public void Alpha_is_the_mask_when_no_user_mask_is_given_and_whole_image_is_the_warned_fallback()
    {
        var alpha = zeros(1, 1, 4, 4);
        Assert.True(AlphaForegroundSegmenter.Instance.Segment(zeros(1, 3, 4, 4), alpha)!.eq(alpha).all().item<bool>());
        Assert.Null(AlphaForegroundSegmenter.Instance.Segment(zeros(1, 3, 4, 4), null));
        Assert.Equal(16, WholeImageForegroundSegmenter.Instance.Segment(zeros(1, 3, 4, 4), null)!.sum().item<float>());
    }
}
