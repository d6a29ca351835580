using System.Globalization;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamTuner.Studio.Components.Generations;

/// <summary>
/// One generation's job card: status chip (queue position, progress with ETA, error), the live preview pushed by
/// <see cref="GenerationUpdates"/>, a Cancel button, and the final images once it succeeded.
/// </summary>
public sealed partial class GenerationCard : IDisposable
{
    private IDisposable? _subscription;
    private GenerationInfo? _shown;
    private JobStatus _status;
    private int _step;
    private int _total;
    private DateTimeOffset? _finishAt;
    private string? _error;
    private string? _previewDataUrl;

    /// <summary>The generation as last read from the database. Required; defaults to null.</summary>
    [Parameter, EditorRequired]
    public GenerationInfo Generation { get; set; } = default!;

    /// <summary>Whether the viewer may cancel it (shows the Cancel button while queued or running). Defaults to false.</summary>
    [Parameter]
    public bool CanCancel { get; set; }

    /// <summary>Called with the generation id when Cancel is clicked. Defaults to none.</summary>
    [Parameter]
    public EventCallback<Guid> OnCancel { get; set; }

    /// <summary>Called with the generation id when a pushed status says it ended (so the page can reload its images). Defaults to none.</summary>
    [Parameter]
    public EventCallback<Guid> OnEnded { get; set; }

    [Inject]
    private GenerationUpdates Updates { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private double Percent => _total > 0 ? 100.0 * _step / _total : 0;

    private string StatusText => _status switch
    {
        JobStatus.Queued => Generation.QueuePosition is { } p ? $"Queued · #{p.ToString(CultureInfo.InvariantCulture)}" : "Queued",
        JobStatus.Running => "Running",
        JobStatus.Succeeded => "Succeeded",
        JobStatus.Failed => "Failed",
        _ => "Cancelled",
    };

    private Color StatusColor => _status switch
    {
        JobStatus.Queued => Color.Default,
        JobStatus.Running => Color.Info,
        JobStatus.Succeeded => Color.Success,
        JobStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    private string? EtaText
    {
        get
        {
            if (_finishAt is not { } at) return null;
            var left = at - Time.GetUtcNow();
            if (left <= TimeSpan.Zero) return null;
            return left.TotalSeconds < 90
                ? $"{Math.Ceiling(left.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
                : $"{Math.Ceiling(left.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min";
        }
    }

    private static string ImageUrl(GenerationInfo g, Guid imageId) => $"projects/{g.ProjectId}/images/{imageId}";

    private string ImageUrl(Guid imageId) => ImageUrl(Generation, imageId);

    protected override void OnParametersSet()
    {
        ArgumentNullException.ThrowIfNull(Generation);
        if (ReferenceEquals(_shown, Generation)) return;
        // A fresh read from the database; a pushed preview newer than it is kept.
        _shown = Generation;
        _status = Generation.Status;
        _error = Generation.Error;
        if (Generation.ProgressStep >= _step || Generation.Status != JobStatus.Running)
        {
            _step = Generation.ProgressStep;
            _total = Generation.ProgressTotal;
            _finishAt = Generation.EstimatedFinishAt;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            _subscription = Updates.Subscribe(Generation.Id, OnPreview, OnStatus);
    }

    private void OnPreview(GenerationPreview preview) => _ = InvokeAsync(() =>
    {
        if (_status is not (JobStatus.Queued or JobStatus.Running)) return;
        _status = JobStatus.Running;
        _step = preview.Step;
        _total = preview.TotalSteps;
        _finishAt = preview.SecondsRemaining is { } s ? Time.GetUtcNow().AddSeconds(s) : null;
        if (preview.Jpeg is { Length: > 0 } jpeg)
            _previewDataUrl = "data:image/jpeg;base64," + Convert.ToBase64String(jpeg);
        StateHasChanged();
    });

    private void OnStatus(GenerationStatusChange change) => _ = InvokeAsync(async () =>
    {
        _status = change.Status;
        if (change.Error is not null) _error = change.Error;
        StateHasChanged();
        if (change.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
            await OnEnded.InvokeAsync(Generation.Id);
    });

    private Task CancelAsync() => OnCancel.InvokeAsync(Generation.Id);

    public void Dispose() => _subscription?.Dispose();
}
