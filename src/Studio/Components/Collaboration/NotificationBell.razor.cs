using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Reviews;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DreamTuner.Studio.Components.Collaboration;

/// <summary>
/// The app bar's bell: the user's recent @mentions, with a count of those that arrived while this page was open
/// (read state is not stored yet, so a reload starts the count at zero).
/// </summary>
public sealed partial class NotificationBell : ComponentBase, IDisposable
{
    private IReadOnlyList<NotificationInfo> _items = [];
    private int _unseen;
    private Guid? _userId;
    private IDisposable? _subscription;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private NotificationService Notifications { get; set; } = default!;

    [Inject]
    private CollaborationUpdates Updates { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null)
            return;
        _userId = CurrentUser.IdOf((await AuthenticationState).User);
        if (_userId is { } id)
            _items = await Notifications.ListAsync(id);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender || _userId is not { } id)
            return;
        _subscription = Updates.Subscribe(id, change =>
        {
            if (change.Kind != CollaborationChangeKind.Notification || change.RecipientId != id)
                return;
            _ = InvokeAsync(async () =>
            {
                _items = await Notifications.ListAsync(id);
                _unseen++;
                StateHasChanged();
            });
        });
    }

    private void OpenChanged(bool open)
    {
        if (open) _unseen = 0;
    }

    private static string LinkOf(NotificationInfo n)
        => n.ImageId is { } image ? $"projects/{n.ProjectId}/images/{image}/review" : $"projects/{n.ProjectId}";

    public void Dispose() => _subscription?.Dispose();
}
