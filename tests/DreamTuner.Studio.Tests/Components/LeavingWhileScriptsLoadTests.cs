using Bunit;
using DreamTuner.Studio.Components.Characters;
using DreamTuner.Studio.Components.Poses;
using DreamTuner.Studio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace DreamTuner.Studio.Tests.Components;

/// <summary>
/// A user who clicks away before a component's script module has loaded: the component must not attach to its removed
/// element afterwards. On a loaded server that attach threw in the browser and ended the whole circuit (CI's pose editor
/// test failed on it: the project page's upload form attached after the user had moved on to Poses).
/// </summary>
public sealed class LeavingWhileScriptsLoadTests : MudComponentTest
{
    private readonly DelayedImportJsRuntime _js = new();

    public LeavingWhileScriptsLoadTests() => Context.Services.AddSingleton<IJSRuntime>(_js);

    public static TheoryData<string, string> Components => new()
    {
        { nameof(PoseEditor), "./js/pose-editor.js" },
        { nameof(CharacterUploadForm), "./js/image-drop.js" },
        { nameof(MaskPainter), "./js/mask-painter.js" },
    };

    [Theory]
    [MemberData(nameof(Components))]
    public async Task A_component_left_before_its_module_loaded_attaches_nothing_and_releases_the_module(string component, string modulePath)
    {
        if (component == nameof(PoseEditor))
            Context.Render<PoseEditor>();
        else if (component == nameof(CharacterUploadForm))
            Context.Render<CharacterUploadForm>();
        else
            Context.Render<MaskPainter>(p => p.Add(m => m.ImageUrl, "/blobs/a.png"));

        await Context.DisposeComponentsAsync();
        var module = _js.Load(modulePath);
        await Context.Renderer.Dispatcher.InvokeAsync(() => { });

        Assert.DoesNotContain("attach", module.Calls);
        Assert.True(module.Disposed, "the module reference imported after leaving is released");
    }

    [Fact]
    public void The_pose_editor_still_attaches_when_its_module_loads_while_it_is_shown()
    {
        var editor = Context.Render<PoseEditor>();

        var module = _js.Load("./js/pose-editor.js");

        editor.WaitForAssertion(() => Assert.Contains("attach", module.Calls));
    }
}
