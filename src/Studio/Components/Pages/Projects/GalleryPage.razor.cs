using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// The project's generated images, newest first, for every member: filters (character, who, dates, review status),
/// sorting by identity or prompt score with an "identity drift" badge below the project's threshold (Owners set it),
/// download, reuse of the settings, delete with Undo; it reloads live when a generation of the project succeeds or an
/// image is deleted or brought back by anyone.
/// </summary>
public sealed partial class GalleryPage : ProjectPageBase, IDisposable
{
    private IReadOnlyList<GalleryImage> _images = [];
    private IReadOnlyList<CharacterInfo> _characters = [];
    private IReadOnlyList<ProjectMemberInfo> _members = [];
    private GalleryImage? _selected;
    private GalleryFilter _filter = GalleryFilter.None;
    private readonly Compare.CompareSelection _compare = new();
    private string? _error;
    private double _threshold = DreamTuner.Data.Entities.Project.DefaultIdentityThreshold;
    private double _thresholdDraft = DreamTuner.Data.Entities.Project.DefaultIdentityThreshold;
    private IDisposable? _generationSubscription;
    private IDisposable? _gallerySubscription;

    [Inject]
    private GalleryService Gallery { get; set; } = default!;

    [Inject]
    private CharacterService Characters { get; set; } = default!;

    [Inject]
    private ProjectMemberService Members { get; set; } = default!;

    [Inject]
    private GenerationUpdates GenerationUpdates { get; set; } = default!;

    [Inject]
    private GalleryEvents GalleryEvents { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override string? PageTitle => "Gallery";

    private bool CanGenerate => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Generate);

    private bool CanManageSettings => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.ManageSettings);

    private bool CanDelete(GalleryImage image) => CanGenerate && (image.RequestedById == UserId || Project!.Role == ProjectRole.Owner);

    private string ImageUrl(Guid imageId) => $"projects/{ProjectId}/images/{imageId}";

    protected override async Task LoadPageAsync()
    {
        _characters = await Characters.ListAsync(ProjectId, UserId);
        _members = await Members.ListAsync(ProjectId, UserId);
        _images = await Gallery.ListAsync(ProjectId, UserId, _filter);
        _threshold = _thresholdDraft = await Gallery.IdentityThresholdAsync(ProjectId, UserId);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
            return;
        // After first render only: the prerendered pass has no circuit to push to.
        _generationSubscription = GenerationUpdates.Subscribe(ProjectId, onPreview: null, onStatus: change =>
        {
            if (change.Status == JobStatus.Succeeded)
                _ = InvokeAsync(ReloadAsync);
        });
        _gallerySubscription = GalleryEvents.Subscribe(ProjectId, () => _ = InvokeAsync(ReloadAsync));
    }

    private async Task ReloadAsync()
    {
        try
        {
            _images = await Gallery.ListAsync(ProjectId, UserId, _filter);
            var threshold = await Gallery.IdentityThresholdAsync(ProjectId, UserId);
            // Another Owner's change arrives here too; a draft being typed is kept.
            if (_thresholdDraft == _threshold)
                _thresholdDraft = threshold;
            _threshold = threshold;
            _compare.KeepOnly(_images.Select(i => i.Id));
            if (_selected is not null && _images.All(i => i.Id != _selected.Id))
                _selected = null;
        }
        catch (ProjectNotFoundException)
        {
            // Removed from the project meanwhile: show nothing more of it.
            _images = [];
        }

        StateHasChanged();
    }

    private async Task FilterAsync(GalleryFilter filter)
    {
        _filter = filter;
        await ReloadAsync();
    }

    private async Task SaveThresholdAsync()
    {
        _error = null;
        try
        {
            await Gallery.SetIdentityThresholdAsync(ProjectId, UserId, _thresholdDraft);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _error = e.Message;
            return;
        }

        _threshold = _thresholdDraft;
        await ReloadAsync();
    }

    private async Task DeleteAsync(GalleryImage image)
    {
        _error = null;
        try
        {
            await Gallery.DeleteAsync(ProjectId, image.Id, UserId);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _error = e.Message;
            return;
        }
        catch (ProjectNotFoundException)
        {
            await ReloadAsync();
            return;
        }

        if (_selected?.Id == image.Id)
            _selected = null;
        _images = _images.Where(i => i.Id != image.Id).ToList();
        Snackbar.Add("Image deleted.", Severity.Normal, config =>
        {
            config.Action = "Undo";
            config.ActionColor = Color.Primary;
            config.RequireInteraction = false;
            config.VisibleStateDuration = (int)Gallery.UndoWindow.TotalMilliseconds;
            config.OnClick = _ => UndoAsync(image.Id);
        }, key: $"deleted-{image.Id}");
    }

    private async Task UndoAsync(Guid imageId)
    {
        var restored = await Gallery.UndoDeleteAsync(ProjectId, imageId, UserId);
        if (!restored)
            Snackbar.Add("Too late: the image is already gone.", Severity.Warning);
        await ReloadAsync();
    }

    private static DateTime? ToDate(DateOnly? d) => d?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? FromDate(DateTime? d) => d is { } v ? DateOnly.FromDateTime(v) : null;

    private static string SortName(GallerySort sort) => sort switch
    {
        GallerySort.Newest => "Newest",
        GallerySort.Identity => "Identity score",
        GallerySort.Prompt => "Prompt score",
        _ => sort.ToString(),
    };

    private static string StatusName(GalleryStatus status) => status switch
    {
        GalleryStatus.Unreviewed => "Not reviewed",
        GalleryStatus.Approved => "Approved",
        GalleryStatus.Rejected => "Rejected",
        GalleryStatus.NeedsChanges => "Needs changes",
        _ => status.ToString(),
    };

    public void Dispose()
    {
        _generationSubscription?.Dispose();
        _gallerySubscription?.Dispose();
    }
}
