using DreamTuner.Engine.Evaluation;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Evaluation;

/// <summary>The reference region the identity score compares: the studio's subject square, computed on tensors.</summary>
public sealed class SubjectRegionTests
{
    [Fact]
    public void The_crop_is_the_masks_bounding_box_with_a_ten_percent_margin_made_square()
    {
        using var scope = NewDisposeScope();
        var image = arange(3 * 100 * 120, dtype: ScalarType.Float32).reshape(3, 100, 120);
        var mask = zeros(1, 1, 100, 120);
        mask[.., .., 30..50, 40..80] = ones(1, 1, 20, 40);   // 40 wide, 20 high: centre (60, 40)

        var crop = SubjectRegion.Crop(image, mask);

        // longer side 40 + 2 * ceil(4) = 48; left = 60 - 24 = 36, top = 40 - 24 = 16.
        Assert.Equal([3L, 48, 48], crop.shape);
        Assert.True(crop.eq(image[.., 16..64, 36..84]).all().item<bool>());
    }

    [Fact]
    public void A_square_that_would_leave_the_image_is_moved_inside_and_never_exceeds_the_shorter_side()
    {
        using var scope = NewDisposeScope();
        var image = rand(3, 50, 80);
        var mask = zeros(1, 50, 80);
        mask[.., 0..50, 70..80] = ones(1, 50, 10);

        var crop = SubjectRegion.Crop(image, mask);

        Assert.Equal([3L, 50, 50], crop.shape);
        Assert.True(crop.eq(image[.., .., 30..80]).all().item<bool>());
    }

    [Fact]
    public void Without_a_mask_or_with_an_empty_one_the_whole_image_is_the_subject()
    {
        using var scope = NewDisposeScope();
        var image = rand(3, 20, 30);

        Assert.True(SubjectRegion.Crop(image, null).eq(image).all().item<bool>());
        Assert.True(SubjectRegion.Crop(image, zeros(1, 1, 20, 30)).eq(image).all().item<bool>());
    }
}
