using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Bench;

namespace DreamTuner.Engine.Tests.Starter.Bench;

public sealed class SpriteRegionTests
{
    [Fact]
    public void The_region_of_an_example_holds_every_pixel_of_its_sprite()
    {
        var world = new StarterWorld(0);
        for (int i = 0; i < 30; i++)
        {
            var example = world.TrainingExample(i);
            var rendering = StarterRenderer.Render(example);
            var region = SpriteRegion.Of(example, rendering.Size);
            for (int y = 0; y < rendering.Size; y++)
                for (int x = 0; x < rendering.Size; x++)
                    if (rendering.Mask[y * rendering.Size + x] > 0)
                        Assert.True(x >= region.Left && x < region.Right && y >= region.Top && y < region.Bottom, $"example {i}: ({x}, {y}) outside {region}");
        }
    }

    [Fact]
    public void A_larger_scale_gives_a_larger_region_at_the_read_position()
    {
        var example = new StarterWorld(0).TrainingExample(0);
        var small = SpriteRegion.For(example, HorizontalPosition.Left, VerticalPosition.Top, SpriteScale.Small, 64);
        var large = SpriteRegion.For(example, HorizontalPosition.Right, VerticalPosition.Bottom, SpriteScale.Large, 64);

        Assert.True(large.Width > small.Width);
        Assert.InRange(small.Left, 0, 2);
        Assert.InRange(large.Right, 62, 64);
    }
}
