using DreamTuner.Studio.Components.Interop;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>
/// Brush and eraser over a reference image to paint its foreground mask (<c>wwwroot/js/mask-painter.js</c> does the
/// pixels in the browser). Keyboard: B brush, E eraser, [ ] size, Ctrl+Z undo. Save hands the mask PNG to
/// <see cref="OnSave"/>; the reference image itself is never touched.
/// </summary>
public sealed partial class MaskPainter : IAsyncDisposable
{
    public const int MinSize = 2;
    public const int MaxSize = 400;
    private const string Brush = "brush";
    private const string Eraser = "eraser";

    /// <summary>The painted mask has the reference's pixel count; 64 MB bounds a 4096x4096 PNG with room to spare.</summary>
    private const long MaxMaskBytes = 64L * 1024 * 1024;

    private ElementReference _root;
    private ElementScript? _script;
    private IJSObjectReference? _painter;
    private DotNetObjectReference<MaskPainter>? _self;
    private string _tool = Brush;
    private int _size = 40;
    private int _strokes;
    private bool _saving;
    private bool _ready;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>URL of the reference image. Required; default empty.</summary>
    [Parameter, EditorRequired]
    public string ImageUrl { get; set; } = "";

    /// <summary>URL of the current mask to start from, or null to start with nothing painted. Default null.</summary>
    [Parameter]
    public string? MaskUrl { get; set; }

    /// <summary>Alternative text of the image. Default "Reference image".</summary>
    [Parameter]
    public string Alt { get; set; } = "Reference image";

    /// <summary>The server's refusal of the last save, or null. Default null.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>Called with the mask PNG (white subject on black, the reference's size) when the user saves. Default: none.</summary>
    [Parameter]
    public EventCallback<Stream> OnSave { get; set; }

    /// <summary>Called when the user leaves without saving. Default: none.</summary>
    [Parameter]
    public EventCallback OnCancel { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        _self = DotNetObjectReference.Create(this);
        _script = new ElementScript(JS, "./js/mask-painter.js");
        _painter = await _script.AttachAsync(_root, ImageUrl, MaskUrl, _self, _size);
        if (_script.IsDisposed)
            return;
        _ready = _painter is not null;
        await _root.FocusAsync();
        StateHasChanged();
    }

    /// <summary>The browser reports tool, size and undo depth after every stroke and shortcut, so the toolbar follows the keys.</summary>
    [JSInvokable]
    public Task OnPainterChanged(string tool, int size, int strokes)
    {
        _tool = tool == Eraser ? Eraser : Brush;
        _size = Math.Clamp(size, MinSize, MaxSize);
        _strokes = strokes;
        return InvokeAsync(StateHasChanged);
    }

    private async Task SetToolAsync(string tool)
    {
        _tool = tool;
        if (_painter is not null)
            await _painter.InvokeVoidAsync("setTool", tool);
    }

    private async Task SetSizeAsync(int size)
    {
        _size = Math.Clamp(size, MinSize, MaxSize);
        if (_painter is not null)
            await _painter.InvokeVoidAsync("setSize", _size);
    }

    private async Task UndoAsync()
    {
        if (_painter is not null)
            await _painter.InvokeAsync<bool>("undo");
    }

    private async Task SaveAsync()
    {
        if (_painter is null)
            return;
        _saving = true;
        try
        {
            var exported = await _painter.InvokeAsync<IJSStreamReference>("exportMask");
            await using var source = await exported.OpenReadStreamAsync(MaxMaskBytes);
            using var png = new MemoryStream();
            await source.CopyToAsync(png);
            png.Position = 0;
            await OnSave.InvokeAsync(png);
        }
        finally
        {
            _saving = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_script is not null)
            await _script.DisposeAsync();
        _self?.Dispose();
    }
}
