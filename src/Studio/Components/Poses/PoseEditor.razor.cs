using DreamTuner.Data.Poses;
using DreamTuner.Studio.Components.Interop;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DreamTuner.Studio.Components.Poses;

/// <summary>
/// An OpenPose skeleton on a canvas (<c>wwwroot/js/pose-editor.js</c> draws it and handles mouse and keyboard) with
/// presets, mirror and reset. The pose itself lives here, in C#: the browser reports each joint move and this
/// component applies it (<see cref="BodyPose.Move"/>), so presets and mirroring are the tested server-side code.
/// </summary>
public sealed partial class PoseEditor : IAsyncDisposable
{
    private ElementReference _canvas;
    private ElementScript? _script;
    private IJSObjectReference? _editor;
    private DotNetObjectReference<PoseEditor>? _self;
    private BodyPose? _shown;
    private int? _selected;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The pose shown and edited. Default: <see cref="PosePresets.Standing"/>.</summary>
    [Parameter]
    public BodyPose Pose { get; set; } = PosePresets.Standing;

    /// <summary>Called with the new pose after every drag, key move, preset, mirror or reset. Default: none.</summary>
    [Parameter]
    public EventCallback<BodyPose> PoseChanged { get; set; }

    /// <summary>What Reset goes back to (the saved pose being edited). Default: <see cref="PosePresets.Standing"/>.</summary>
    [Parameter]
    public BodyPose ResetPose { get; set; } = PosePresets.Standing;

    /// <summary>Shows the pose without letting it change (Viewers). Default false.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>Canvas size in pixels (it is square, like the presets' frame). Default 512.</summary>
    [Parameter]
    public int Side { get; set; } = 512;

    public static string JointName(int keypoint) => OpenPoseBody.KeypointNames[keypoint].Replace('_', ' ');

    private static string Title(string preset) => char.ToUpperInvariant(preset[0]) + preset[1..];

    protected override async Task OnParametersSetAsync()
    {
        if (_editor is not null)
        {
            await _editor.InvokeVoidAsync("setReadOnly", ReadOnly);
            await ShowAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        _self = DotNetObjectReference.Create(this);
        _script = new ElementScript(JS, "./js/pose-editor.js");
        _shown = Pose;
        _editor = await _script.AttachAsync(_canvas, _self, new
        {
            extent = BodyPose.Extent,
            points = Pose.ToArrays(),
            limbs = OpenPoseBody.Limbs.Select(l => new[] { l.From, l.To }).ToArray(),
            colours = OpenPoseBody.Colours.Select(c => c.Hex).ToArray(),
            stickColours = Enumerable.Range(0, OpenPoseBody.Limbs.Count).Select(i => OpenPoseBody.StickColour(i).Hex).ToArray(),
            readOnly = ReadOnly,
        });
    }

    /// <summary>The browser finished a drag or an arrow-key move of <paramref name="keypoint"/>.</summary>
    [JSInvokable]
    public Task OnJointMoved(int keypoint, int x, int y)
    {
        if (ReadOnly || keypoint is < 0 or >= OpenPoseBody.KeypointCount)
            return Task.CompletedTask;
        _selected = keypoint;
        var moved = Pose.Move(keypoint, x, y);
        // The canvas already shows it; remember that so the parameter coming back is not pushed to it again.
        _shown = moved;
        return InvokeAsync(() => ChangeAsync(moved));
    }

    [JSInvokable]
    public Task OnJointSelected(int keypoint)
    {
        _selected = keypoint is >= 0 and < OpenPoseBody.KeypointCount ? keypoint : null;
        return InvokeAsync(StateHasChanged);
    }

    private Task ApplyPresetAsync(string name) => ChangeAsync(PosePresets.Named(name));

    private Task MirrorAsync() => ChangeAsync(Pose.Mirror());

    private Task ResetAsync() => ChangeAsync(ResetPose);

    private async Task ChangeAsync(BodyPose pose)
    {
        Pose = pose;
        await PoseChanged.InvokeAsync(pose);
        await ShowAsync();
        StateHasChanged();
    }

    private async Task ShowAsync()
    {
        if (_editor is null || Pose.Equals(_shown))
            return;
        _shown = Pose;
        await _editor.InvokeVoidAsync("setPose", (object)Pose.ToArrays());
    }

    public async ValueTask DisposeAsync()
    {
        if (_script is not null)
            await _script.DisposeAsync();
        _self?.Dispose();
    }
}
