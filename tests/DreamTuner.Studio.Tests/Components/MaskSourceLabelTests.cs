using Bunit;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Components.Characters;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class MaskSourceLabelTests : MudComponentTest
{
    [Theory]
    [InlineData(MaskSource.Alpha, "from the image's transparency")]
    [InlineData(MaskSource.SegmentationModel, "from the segmentation model")]
    [InlineData(MaskSource.Painted, "painted")]
    public void Label_says_where_the_mask_came_from(MaskSource source, string expected)
    {
        var label = Context.Render<MaskSourceLabel>(p => p.Add(l => l.HasMask, true).Add(l => l.Source, source));
        Assert.Contains(expected, label.Find("#mask-state").TextContent);
        Assert.StartsWith("yes", label.Find("#mask-state").TextContent);
    }

    [Fact]
    public void Model_mask_carries_the_hint_that_it_can_be_painted_over()
    {
        var label = Context.Render<MaskSourceLabel>(p => p.Add(l => l.HasMask, true).Add(l => l.Source, MaskSource.SegmentationModel));
        Assert.Contains("paint over it", label.Find("#mask-state-hint").TextContent);
    }

    [Theory]
    [InlineData(MaskSource.Alpha)]
    [InlineData(MaskSource.Painted)]
    public void Other_masks_carry_no_hint(MaskSource source)
    {
        var label = Context.Render<MaskSourceLabel>(p => p.Add(l => l.HasMask, true).Add(l => l.Source, source));
        Assert.Empty(label.FindAll("#mask-state-hint"));
    }

    [Fact]
    public void Without_a_mask_it_says_none()
    {
        var label = Context.Render<MaskSourceLabel>(p => p.Add(l => l.HasMask, false).Add(l => l.Source, (MaskSource?)null));
        Assert.Equal("none", label.Find("#mask-state").TextContent);
    }

    [Fact]
    public void Mask_of_unrecorded_origin_says_both_possibilities()
    {
        var label = Context.Render<MaskSourceLabel>(p => p.Add(l => l.HasMask, true).Add(l => l.Source, (MaskSource?)null));
        Assert.Contains("transparency, or painted", label.Find("#mask-state").TextContent);
    }
}
