using Bunit;
using DreamTuner.Studio.Components.Characters;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class CharacterImageViewTests : MudComponentTest
{
    [Fact]
    public void Mask_is_overlaid_on_the_image_when_there_is_one()
    {
        var view = Context.Render<CharacterImageView>(p => p.Add(v => v.ImageUrl, "/img").Add(v => v.MaskUrl, "/mask"));
        Assert.Equal("/img", view.Find("#character-image").GetAttribute("src"));
        Assert.Equal("/mask", view.Find("#character-mask").GetAttribute("src"));
    }

    [Fact]
    public void Without_a_mask_it_says_why()
    {
        var view = Context.Render<CharacterImageView>(p => p.Add(v => v.ImageUrl, "/img"));
        Assert.Empty(view.FindAll("#character-mask"));
        Assert.Contains("no transparent background", view.Find("#no-mask").TextContent);
    }
}
