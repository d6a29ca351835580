using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.JobGroups;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.JobGroups;

/// <summary>
/// One job group: its title, "n of m done", Cancel all, and for a sweep its grid and its cells with their scores.
/// It follows its generations' status pushes, and after the last one waits for the grid, which the studio composes
/// in the background.
/// </summary>
public sealed partial class JobGroupCard : ComponentBase, IDisposable
{
    private static readonly TimeSpan GridCheck = TimeSpan.FromSeconds(3);

    private JobGroupInfo? _group;
    private IReadOnlyList<SweepCellInfo> _cells = [];
    private IDisposable? _subscription;
    private CancellationTokenSource? _gridWait;
    private string? _error;

    /// <summary>The group to show. Required.</summary>
    [Parameter, EditorRequired]
    public Guid GroupId { get; set; }

    /// <summary>Its project. Required.</summary>
    [Parameter, EditorRequired]
    public Guid ProjectId { get; set; }

    /// <summary>The signed-in user. Required.</summary>
    [Parameter, EditorRequired]
    public Guid UserId { get; set; }

    /// <summary>Whether to offer Cancel all (Editors and Owners). Default: false.</summary>
    [Parameter]
    public bool CanCancel { get; set; }

    /// <summary>Raised after a status push was applied (a page showing the group's results reloads them). Default: none.</summary>
    [Parameter]
    public EventCallback OnProgress { get; set; }

    [Inject]
    private JobGroupService Groups { get; set; } = default!;

    [Inject]
    private SweepService Sweeps { get; set; } = default!;

    [Inject]
    private GenerationUpdates Updates { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_group?.Id == GroupId)
            return;
        _subscription?.Dispose();
        _subscription = Updates.Subscribe(GroupId, onPreview: null, onStatus: OnStatus);
        await LoadAsync();
    }

    private void OnStatus(GenerationStatusChange change) => _ = InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
        await OnProgress.InvokeAsync();
    });

    private async Task LoadAsync()
    {
        try
        {
            _group = await Groups.GetAsync(ProjectId, GroupId, UserId);
            if (_group.Kind == JobGroupKind.Sweep)
                _cells = await Sweeps.CellsAsync(ProjectId, GroupId, UserId);
        }
        catch (ProjectNotFoundException)
        {
            _error = "This group no longer exists.";
            return;
        }
        if (_group is { Kind: JobGroupKind.Sweep, IsDone: true, GridImageId: null, Succeeded: > 0 } && _gridWait is null)
            _ = WaitForGridAsync();
    }

    private async Task WaitForGridAsync()
    {
        _gridWait = new CancellationTokenSource();
        var token = _gridWait.Token;
        using var timer = new PeriodicTimer(GridCheck);
        try
        {
            for (int i = 0; i < 20 && _group?.GridImageId is null && await timer.WaitForNextTickAsync(token); i++)
                await InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); });
        }
        catch (OperationCanceledException)
        {
            // The card was closed.
        }
    }

    private async Task CancelAllAsync()
    {
        _error = null;
        try
        {
            await Groups.CancelAllAsync(ProjectId, GroupId, UserId);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _error = e.Message;
        }
        await LoadAsync();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _gridWait?.Cancel();
        _gridWait?.Dispose();
    }
}
