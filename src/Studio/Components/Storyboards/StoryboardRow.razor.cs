using DreamTuner.Studio.Services.Storyboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Components.Storyboards;

/// <summary>
/// One storyboard in the project's list: a link for everyone; for Editors and Owners an inline rename (Enter saves,
/// Escape cancels) and a delete that asks first. The page does the work and the undo.
/// </summary>
public partial class StoryboardRow
{
    private bool _editing;
    private bool _confirming;
    private string? _title;
    private string? _description;
    private uint _version;

    /// <summary>The storyboard. Required; default an empty one.</summary>
    [Parameter, EditorRequired]
    public StoryboardSummary Board { get; set; } = new(Guid.Empty, "", null, 0, DateTimeOffset.MinValue);

    /// <summary>The project, for links. Default empty.</summary>
    [Parameter]
    public Guid ProjectId { get; set; }

    /// <summary>Whether rename and delete are offered (Editors, Owners). Default false.</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>Raised with the new texts; the row leaves edit mode. Default none.</summary>
    [Parameter]
    public EventCallback<StoryboardRename> OnRename { get; set; }

    /// <summary>Raised with the storyboard's id once the deletion is confirmed. Default none.</summary>
    [Parameter]
    public EventCallback<Guid> OnDelete { get; set; }

    private void Edit()
    {
        // The version of the texts the user starts from, so a rename over someone else's change is refused.
        _title = Board.Title;
        _description = Board.Description;
        _version = Board.Version;
        _editing = true;
    }

    private void Cancel() => _editing = false;

    private void KeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
            _editing = false;
    }

    private async Task SaveAsync()
    {
        if (string.IsNullOrWhiteSpace(_title))
            return;
        _editing = false;
        await OnRename.InvokeAsync(new StoryboardRename(Board.Id, _title.Trim(), string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(), _version));
    }

    private async Task DeleteAsync()
    {
        _confirming = false;
        await OnDelete.InvokeAsync(Board.Id);
    }
}
