using System.Globalization;
using DreamTuner.Studio.Components.Interop;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>
/// Picks one image (file picker, drag-and-drop or paste) plus name, class word and caption, and hands them to
/// <see cref="OnSubmit"/>. It checks nothing about the bytes: the server decides what the file is.
/// </summary>
public partial class CharacterUploadForm : IAsyncDisposable
{
    private readonly CharacterDraftModel _draft = new();
    private ElementReference _zone;
    private IBrowserFile? _file;
    private string? _localError;
    private ElementScript? _script;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Largest accepted file in bytes, shown to the user. Default 20 MB.</summary>
    [Parameter]
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest accepted width or height in pixels, shown to the user. Default 4096.</summary>
    [Parameter]
    public int MaxSide { get; set; } = 4096;

    /// <summary>True while the parent uploads; disables the form. Default false.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The server's refusal to show (which limit, when to retry), or null. Default null.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>Called with the chosen file and the typed fields when the user submits. Default: none.</summary>
    [Parameter]
    public EventCallback<CharacterUploadRequest> OnSubmit { get; set; }

    private string LimitText => $"{SizeText(MaxBytes)} and {MaxSide.ToString(CultureInfo.InvariantCulture)} px per side";

    /// <summary>Clears the form after a successful upload.</summary>
    public void Reset()
    {
        _file = null;
        _draft.Name = "";
        _draft.ClassWord = null;
        _draft.Caption = null;
        _localError = null;
        StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        _script = new ElementScript(JS, "./js/image-drop.js");
        await _script.AttachAsync(_zone);
    }

    private void OnFileChosen(IBrowserFile? file)
    {
        _file = file;
        _localError = null;
    }

    private Task<IEnumerable<string>> SearchClassWords(string? text, CancellationToken cancellationToken)
    {
        var words = CharacterDraft.SuggestedClassWords;
        IEnumerable<string> matches = string.IsNullOrWhiteSpace(text)
            ? words
            : words.Where(w => w.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(matches);
    }

    private async Task SubmitAsync()
    {
        if (_file is null)
        {
            _localError = "Choose, drop or paste an image first.";
            return;
        }

        if (string.IsNullOrWhiteSpace(_draft.Name) || string.IsNullOrWhiteSpace(_draft.ClassWord))
        {
            _localError = "Give the character a name and a class word.";
            return;
        }

        _localError = null;
        await OnSubmit.InvokeAsync(new CharacterUploadRequest(_file, new CharacterDraft(_draft.Name, _draft.ClassWord, _draft.Caption)));
    }

    internal static string SizeText(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " KB";

    public async ValueTask DisposeAsync()
    {
        if (_script is not null)
            await _script.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
