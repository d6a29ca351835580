using System.Collections.Concurrent;
using DreamTuner.Studio.Components.Review;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Reviews;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// One image, large, beside the reference images of the characters it used (masks switchable), with its settings,
/// download and reuse; verdicts with stars (Editors, Owners), threaded comments with @mentions and pins (every member), who
/// is viewing and typing; everything another viewer does shows up here live.
/// </summary>
public sealed partial class ImagePage : ProjectPageBase, IAsyncDisposable
{
    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan TypingSentEvery = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _typing = new();
    private GalleryImage? _image;
    private Services.Compare.CompareSet? _take;
    private ImageReviewSummary _summary = new([], null, null);
    private IReadOnlyList<CommentInfo> _comments = [];
    private IReadOnlyList<string> _memberNames = [];
    private IReadOnlyList<ProjectViewer> _viewers = [];
    private ImagePin? _pendingPin;
    private bool _reviewing;
    private bool _posting;
    private string? _reviewError;
    private string? _commentError;
    private string _userName = "";
    private DateTimeOffset _lastTypingSent;
    private IDisposable? _imageSubscription;
    private IDisposable? _projectSubscription;
    private IAsyncDisposable? _presence;
    private bool _subscribed;

    /// <summary>The image's id, from the route.</summary>
    [Parameter]
    public Guid ImageId { get; set; }

    [Inject]
    private ReviewService Reviews { get; set; } = default!;

    [Inject]
    private Services.Compare.CompareService Takes { get; set; } = default!;

    [Inject]
    private CommentService CommentsService { get; set; } = default!;

    [Inject]
    private ProjectMemberService Members { get; set; } = default!;

    [Inject]
    private CollaborationUpdates Updates { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override string? PageTitle => "Image";

    private bool CanReview => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Review);

    private bool CanGenerate => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Generate);

    private bool CanComment => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Comment);

    private bool CanModerate => Project is not null && Project.Role == Data.Entities.ProjectRole.Owner;

    private IReadOnlyList<string> TypingNames
    {
        get
        {
            var now = Time.GetUtcNow();
            return [.. _typing.Where(t => t.Value > now).Select(t => t.Key).Order(StringComparer.OrdinalIgnoreCase)];
        }
    }

    protected override async Task LoadPageAsync()
    {
        _userName = (await AuthenticationState).User.Identity?.Name ?? "";
        _image = await Reviews.GetImageAsync(ProjectId, ImageId, UserId);
        _take = await Takes.LoadOneAsync(ProjectId, ImageId, UserId);
        _memberNames = [.. (await Members.ListAsync(ProjectId, UserId)).Where(m => m.UserId != UserId).Select(m => m.UserName)];
        await ReloadAsync();
        _viewers = Presence.Viewers(ProjectId);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not "firstRender": the first render can come before the async load finishes, and that render would never subscribe.
        if (_subscribed || _image is null)
            return;
        _subscribed = true;
        _imageSubscription = Updates.Subscribe(ImageId, change => _ = InvokeAsync(() => OnImageChangeAsync(change)));
        _projectSubscription = Updates.Subscribe(ProjectId, change =>
        {
            if (change.Kind == CollaborationChangeKind.Presence)
                _ = InvokeAsync(() => { _viewers = Presence.Viewers(ProjectId); StateHasChanged(); });
        });
        _presence = await Presence.JoinAsync(ProjectId, UserId, _userName);
        // Whatever changed between the load and the subscription.
        await ReloadAsync();
        _viewers = Presence.Viewers(ProjectId);
        StateHasChanged();
    }

    private async Task OnImageChangeAsync(CollaborationChange change)
    {
        if (change.Kind == CollaborationChangeKind.Typing)
        {
            if (change.ActorId == UserId || change.ActorName is null)
                return;
            _typing[change.ActorName] = Time.GetUtcNow() + TypingShownFor;
            StateHasChanged();
            _ = ExpireTypingAsync();
            return;
        }

        if (change.Kind is CollaborationChangeKind.Comment && change.ActorName is { } author)
            _typing.TryRemove(author, out _); // they posted: no longer typing
        try
        {
            await ReloadAsync();
        }
        catch (ProjectNotFoundException)
        {
            Navigation.NotFound(); // removed from the project meanwhile
        }

        StateHasChanged();
    }

    private async Task ExpireTypingAsync()
    {
        await Task.Delay(TypingShownFor + TimeSpan.FromMilliseconds(100));
        await InvokeAsync(StateHasChanged);
    }

    private async Task ReloadAsync()
    {
        _summary = await Reviews.SummaryAsync(ProjectId, ImageId, UserId);
        _comments = await CommentsService.ListAsync(ProjectId, ImageId, UserId);
    }

    private async Task ReviewAsync(ReviewSubmission submission)
    {
        _reviewing = true;
        _reviewError = null;
        try
        {
            _summary = await Reviews.SetAsync(ProjectId, ImageId, UserId, submission.Verdict, submission.Rating);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _reviewError = e.Message;
        }
        finally
        {
            _reviewing = false;
        }
    }

    private async Task PostAsync(CommentDraft draft)
    {
        _posting = true;
        _commentError = null;
        try
        {
            await CommentsService.PostAsync(ProjectId, ImageId, UserId, draft);
            _pendingPin = null;
            _comments = await CommentsService.ListAsync(ProjectId, ImageId, UserId);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _commentError = e.Message;
        }
        finally
        {
            _posting = false;
        }
    }

    private async Task EditCommentAsync(CommentEdit edit)
    {
        _commentError = null;
        try
        {
            await CommentsService.EditAsync(ProjectId, edit.CommentId, UserId, edit.Body, edit.Version);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException or CommentConflictException)
        {
            _commentError = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            _commentError = "That comment is gone.";
        }

        _comments = await CommentsService.ListAsync(ProjectId, ImageId, UserId);
    }

    private async Task DeleteCommentAsync(Guid commentId)
    {
        _commentError = null;
        try
        {
            await CommentsService.DeleteAsync(ProjectId, commentId, UserId);
            _comments = await CommentsService.ListAsync(ProjectId, ImageId, UserId);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _commentError = e.Message;
        }
    }

    private async Task TypingAsync()
    {
        var now = Time.GetUtcNow();
        if (now - _lastTypingSent < TypingSentEvery)
            return;
        _lastTypingSent = now;
        await Presence.TypingAsync(ProjectId, ImageId, UserId, _userName);
    }

    public async ValueTask DisposeAsync()
    {
        _imageSubscription?.Dispose();
        _projectSubscription?.Dispose();
        if (_presence is not null)
            await _presence.DisposeAsync();
    }
}
