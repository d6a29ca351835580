using DreamTuner.Studio.Services.Storyboards;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Storyboards;

/// <summary>
/// One storyboard panel: its take and other takes, its text and cast (editable by Editors and Owners), move / insert /
/// delete buttons (the keyboard way to reorder) and drag-and-drop, and its history. Unsaved text survives a reload of
/// the panel by someone else's save: the card keeps it and shows theirs beside it.
/// </summary>
public sealed partial class PanelCard : ComponentBase
{
    private PanelDetails? _base;
    private PanelDetails? _theirs;
    private string? _shot;
    private string? _dialogue;
    private HashSet<Guid> _cast = [];
    private bool _dirty;
    private bool _dragOver;
    private string? _pick;

    /// <summary>The compare view of the chosen take and up to three others, when the panel has two takes or more.</summary>
    private string? CompareUrl
    {
        get
        {
            var takes = (Panel.ChosenTake is { } chosen ? new[] { chosen.ImageId } : []).Concat(Panel.OtherTakes.Select(t => t.ImageId))
                .Take(Services.Compare.CompareService.MaxTakes).ToList();
            return takes.Count >= Services.Compare.CompareService.MinTakes ? $"projects/{ProjectId}/compare?images={string.Join(',', takes)}" : null;
        }
    }

    /// <summary>The panel as last loaded. Required.</summary>
    [Parameter, EditorRequired]
    public PanelDetails Panel { get; set; } = default!;

    /// <summary>Its place (0-based). Default: 0.</summary>
    [Parameter]
    public int Index { get; set; }

    /// <summary>How many panels the storyboard has. Default: 1.</summary>
    [Parameter]
    public int Count { get; set; } = 1;

    /// <summary>The project, for image links. Default: empty.</summary>
    [Parameter]
    public Guid ProjectId { get; set; }

    /// <summary>The storyboard, for the panel's pose image. Default: empty.</summary>
    [Parameter]
    public Guid StoryboardId { get; set; }

    /// <summary>Whether the user may edit (Editor, Owner). Default: false.</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>The project's characters, for the cast. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<PanelCharacter> Characters { get; set; } = [];

    /// <summary>Approved images of the project, for choosing a take. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<PanelTake> ApprovedImages { get; set; } = [];

    /// <summary>Why the last save was refused (a concurrent edit). Default: null.</summary>
    [Parameter]
    public string? Conflict { get; set; }

    /// <summary>The panel's history when shown. Default: null (hidden).</summary>
    [Parameter]
    public IReadOnlyList<PanelVersionInfo>? History { get; set; }

    /// <summary>Raised with the edited text and the version it was based on. Default: none.</summary>
    [Parameter]
    public EventCallback<PanelSave> OnSave { get; set; }

    /// <summary>Raised to move the panel. Default: none.</summary>
    [Parameter]
    public EventCallback<PanelMove> OnMove { get; set; }

    /// <summary>Raised with the index a new panel goes to. Default: none.</summary>
    [Parameter]
    public EventCallback<int> OnInsert { get; set; }

    /// <summary>Raised with the panel's id to delete it. Default: none.</summary>
    [Parameter]
    public EventCallback<Guid> OnDelete { get; set; }

    /// <summary>Raised to make an image the take. Default: none.</summary>
    [Parameter]
    public EventCallback<PanelTakeChoice> OnChooseTake { get; set; }

    /// <summary>Whether the panel renders with the previous panel's chosen take as an extra reference. Default: false.</summary>
    [Parameter]
    public bool UsesPreviousTake { get; set; }

    /// <summary>Raised with the panel's id to queue its takes ("Render panel"). Default: none.</summary>
    [Parameter]
    public EventCallback<Guid> OnRender { get; set; }

    /// <summary>Raised when the continuity checkbox changes. Default: none.</summary>
    [Parameter]
    public EventCallback<PanelContinuity> OnUsePreviousTakeChanged { get; set; }

    /// <summary>Raised to show (or refresh) the panel's history. Default: none.</summary>
    [Parameter]
    public EventCallback<Guid> OnShowHistory { get; set; }

    /// <summary>Raised when a drag of this panel starts. Default: none.</summary>
    [Parameter]
    public EventCallback<Guid> OnDragStart { get; set; }

    /// <summary>Raised when a dragged panel is dropped on this one (with this panel's id). Default: none.</summary>
    [Parameter]
    public EventCallback<Guid> OnDropOn { get; set; }

    protected override void OnParametersSet()
    {
        if (_base is null || _base.Id != Panel.Id)
        {
            Adopt(Panel);
            return;
        }

        if (_base.Version != Panel.Version)
        {
            // A newer row: take it unless the user has unsaved text that differs from it; then keep both in view.
            // The draft stays based on the old version, so saving it is refused until the user has been told.
            if (!_dirty || SameAsDraft(Panel))
                Adopt(Panel);
            else
                _theirs = Panel;
        }

        if (Conflict is not null)
        {
            // The user has been told that theirs exists: the next save is a deliberate overwrite of the newest version.
            _base = Panel;
        }
    }

    private void Adopt(PanelDetails panel)
    {
        _base = panel;
        _theirs = null;
        _shot = panel.ShotDescription;
        _dialogue = panel.Dialogue;
        _cast = [.. panel.Characters.Select(c => c.Id)];
        _dirty = false;
    }

    private bool SameAsDraft(PanelDetails panel)
        => (panel.ShotDescription ?? "") == (_shot ?? "").Trim() && (panel.Dialogue ?? "") == (_dialogue ?? "").Trim()
           && _cast.SetEquals(panel.Characters.Select(c => c.Id));

    private void MarkDirty() => _dirty = true;

    private void ToggleCast(Guid id, ChangeEventArgs e)
    {
        if (e.Value is true) _cast.Add(id);
        else _cast.Remove(id);
        _dirty = true;
    }

    private void TakeTheirs()
    {
        if (_theirs is not null) Adopt(_theirs);
    }

    // Saved on the version the draft was based on: someone else's newer save makes it a conflict (with a message)
    // rather than a silent overwrite; after that message the base moves to their version.
    private Task SaveAsync() => OnSave.InvokeAsync(new PanelSave(Panel.Id, new PanelEdit(_shot, _dialogue, [.. _cast]), _base!.Version));

    private async Task ChoosePickedAsync()
    {
        if (Guid.TryParse(_pick, out var imageId))
        {
            await OnChooseTake.InvokeAsync(new PanelTakeChoice(Panel.Id, imageId));
            _pick = null;
        }
    }

    private Task DropAsync()
    {
        _dragOver = false;
        return OnDropOn.InvokeAsync(Panel.Id);
    }
}
