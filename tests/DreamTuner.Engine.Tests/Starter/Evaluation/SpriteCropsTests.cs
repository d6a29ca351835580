using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Evaluation;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Evaluation;

/// <summary>The attribute reader's crops: the box its scene heads imply holds the sprite.</summary>
public sealed class SpriteCropsTests
{
    private const int Size = StarterRenderer.DefaultSize;

    private static Tensor Mask(StarterExample example)
    {
        var mask = StarterRenderer.Render(example, Size).Mask;
        return tensor(mask, dtype: ScalarType.Byte).view(1, 1, Size, Size).to(ScalarType.Float32) / 255.0;
    }

    [Fact]
    public void The_box_of_an_examples_placement_holds_its_whole_sprite()
    {
        foreach (var example in StarterSamples.Training(24))
        {
            using var mask = Mask(example);
            var box = SpriteCrops.Box(SpriteLabels.Classes(example), Size);
            // A crop at the image's own resolution (one crop pixel per image pixel) keeps every sprite pixel.
            var side = (int)Math.Round(2 * box.HalfSide);
            using var crop = SpriteCrops.Crop(mask, [box], side);
            Assert.Equal(new long[] { 1, 1, side, side }, crop.shape);
            var inside = crop.sum().item<float>();
            var all = mask.sum().item<float>();
            Assert.True(inside > 0.95 * all, $"{example}: {inside} of {all} mask pixels inside the box");
        }
    }

    [Fact]
    public void A_box_on_the_other_side_of_the_image_misses_the_sprite()
    {
        var example = StarterSamples.Reference with { Horizontal = HorizontalPosition.Left, Scale = SpriteScale.Small };
        using var mask = Mask(example);
        var here = SpriteCrops.Box(HorizontalPosition.Left, example.Vertical, example.Scale, Size);
        var there = SpriteCrops.Box(HorizontalPosition.Right, example.Vertical, example.Scale, Size);
        using var crops = SpriteCrops.Crop(cat([mask, mask]), [here, there], 32);
        var coverage = crops.mean([1, 2, 3]).data<float>().ToArray();
        Assert.True(coverage[0] > 0.3, $"{coverage[0]}");
        Assert.Equal(0, coverage[1], 3);
    }

    [Fact]
    public void One_box_per_image_is_required() =>
        Assert.Throws<ArgumentException>(() => SpriteCrops.Crop(zeros([2, 3, Size, Size]), [(32.0, 32.0, 10.0)], 16));
}
