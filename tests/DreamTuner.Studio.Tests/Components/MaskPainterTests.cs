using Bunit;
using DreamTuner.Studio.Components.Characters;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class MaskPainterTests : MudComponentTest
{
    [Fact]
    public void Attaches_the_painter_module_to_the_image_and_current_mask()
    {
        var module = Context.JSInterop.SetupModule("./js/mask-painter.js");
        module.Mode = JSRuntimeMode.Loose;

        Context.Render<MaskPainter>(p => p.Add(m => m.ImageUrl, "projects/p/characters/c/image").Add(m => m.MaskUrl, "projects/p/characters/c/mask?v=1"));

        var attach = Assert.Single(module.Invocations, i => i.Identifier == "attach");
        Assert.Equal("projects/p/characters/c/image", attach.Arguments[1]);
        Assert.Equal("projects/p/characters/c/mask?v=1", attach.Arguments[2]);
    }

    [Fact]
    public void Toolbar_follows_what_the_keyboard_changed_in_the_browser()
    {
        var painter = Context.Render<MaskPainter>(p => p.Add(m => m.ImageUrl, "i"));
        Assert.True(painter.Find("#mask-undo").HasAttribute("disabled"));
        Assert.Equal("true", painter.Find("#mask-brush").GetAttribute("aria-pressed"));

        painter.InvokeAsync(() => painter.Instance.OnPainterChanged("eraser", 63, 2));

        Assert.Equal("63", painter.Find("#mask-size-value").TextContent);
        Assert.Equal("true", painter.Find("#mask-eraser").GetAttribute("aria-pressed"));
        Assert.Equal("false", painter.Find("#mask-brush").GetAttribute("aria-pressed"));
        Assert.False(painter.Find("#mask-undo").HasAttribute("disabled"));
        Assert.Contains("2 strokes can be undone", painter.Find("#mask-help").TextContent);
    }

    [Fact]
    public void States_the_keyboard_shortcuts_to_assistive_technology()
    {
        var painter = Context.Render<MaskPainter>(p => p.Add(m => m.ImageUrl, "i"));
        var root = painter.Find("#mask-painter");
        Assert.Equal("0", root.GetAttribute("tabindex"));
        Assert.Equal("B E [ ] Control+Z", root.GetAttribute("aria-keyshortcuts"));
    }

    [Fact]
    public void Shows_the_servers_refusal()
    {
        var painter = Context.Render<MaskPainter>(p => p.Add(m => m.ImageUrl, "i").Add(m => m.Error, "Not saved: the mask is empty."));
        Assert.Contains("the mask is empty", painter.Find("#mask-error").TextContent);
    }
}
