using Bunit;
using DreamTuner.Studio.Components.Characters;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class CharacterUploadFormTests : MudComponentTest
{
    [Fact]
    public void States_the_accepted_formats_and_limits()
    {
        var form = Context.Render<CharacterUploadForm>(p => p.Add(f => f.MaxBytes, 20 * 1024 * 1024).Add(f => f.MaxSide, 4096));
        Assert.Equal("PNG, JPEG or WebP; at most 20 MB and 4096 px per side.", form.Find("#upload-limits").TextContent.Trim());
    }

    [Fact]
    public void Create_button_is_disabled_until_an_image_is_chosen()
    {
        var form = Context.Render<CharacterUploadForm>();
        Assert.True(form.Find("#create-character").HasAttribute("disabled"));
    }

    [Fact]
    public void Shows_the_servers_refusal()
    {
        var form = Context.Render<CharacterUploadForm>(p => p.Add(f => f.Error, "Not accepted: the image is 5000x8 px; the limit is 4096 px per side."));
        Assert.Contains("4096 px per side", form.Find("#upload-error").TextContent);
    }

    [Fact]
    public void Attaches_the_drop_and_paste_module_to_the_zone()
    {
        var module = Context.JSInterop.SetupModule("./js/image-drop.js");
        module.Mode = JSRuntimeMode.Loose;
        Context.Render<CharacterUploadForm>();
        var attach = Assert.Single(module.Invocations, i => i.Identifier == "attach");
        Assert.IsType<Microsoft.AspNetCore.Components.ElementReference>(attach.Arguments[0]);
    }

    [Fact]
    public void Busy_form_says_it_is_uploading()
    {
        var form = Context.Render<CharacterUploadForm>(p => p.Add(f => f.Busy, true));
        Assert.Contains("Uploading", form.Find("#create-character").TextContent);
    }
}
