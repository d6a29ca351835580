using System.Globalization;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>
/// One fine-tune's card: status, step progress with ETA, the loss curve and validation images as
/// <see cref="FineTuneUpdates"/> pushes them, the error of a failed run, and Cancel. Subscribes after first render and
/// updates through InvokeAsync, as <see cref="Generations.GenerationCard"/> does.
/// </summary>
public sealed partial class FineTuneRunCard : IDisposable
{
    /// <summary>Validation images kept per card; older ones are dropped so a long run cannot fill the circuit's memory.</summary>
    public const int MaxValidationImages = 12;

    private readonly List<FineTuneLossPoint> _losses = [];
    private readonly List<ValidationShot> _validations = [];
    private IDisposable? _subscription;
    private FineTuneInfo? _shown;
    private JobStatus _status;
    private int _step;
    private int _total;
    private DateTimeOffset? _finishAt;
    private string? _error;

    /// <summary>The fine-tune as last read from the database. Required; defaults to null.</summary>
    [Parameter, EditorRequired]
    public FineTuneInfo Run { get; set; } = default!;

    /// <summary>Whether the viewer may cancel it (shows Cancel while queued or running). Defaults to false.</summary>
    [Parameter]
    public bool CanCancel { get; set; }

    /// <summary>Called with the fine-tune id when Cancel is clicked. Defaults to none.</summary>
    [Parameter]
    public EventCallback<Guid> OnCancel { get; set; }

    /// <summary>Called with the fine-tune id when a pushed status says it ended. Defaults to none.</summary>
    [Parameter]
    public EventCallback<Guid> OnEnded { get; set; }

    [Inject]
    private FineTuneUpdates Updates { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private double Percent => _total > 0 ? 100.0 * _step / _total : 0;

    private string ModeText => Run.Parameters.Mode == FineTuneParameters.FullMode ? "full" : "LoRA";

    private string SettingsText => string.Create(CultureInfo.InvariantCulture,
        $"{(Run.Parameters.Mode == FineTuneParameters.FullMode ? "" : $"rank {Run.Parameters.Rank} · ")}"
        + $"learning rate {(Run.Parameters.LearningRate is { } lr ? lr.ToString("G3", CultureInfo.InvariantCulture) : "default")}"
        + $" · {Run.Parameters.RegularImages} regular images · seed {Run.Parameters.Seed}");

    private string StatusText => _status switch
    {
        JobStatus.Queued => "Queued",
        JobStatus.Running => "Training",
        JobStatus.Succeeded => "Trained",
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

    private string? FinalLossText => _losses.Count > 0 ? _losses[^1].Loss.ToString("0.####", CultureInfo.InvariantCulture) : null;

    private string? EtaText
    {
        get
        {
            if (_status != JobStatus.Running || _finishAt is not { } at) return null;
            var left = at - Time.GetUtcNow();
            if (left <= TimeSpan.Zero) return null;
            return left.TotalSeconds < 90
                ? $"{Math.Ceiling(left.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
                : left.TotalMinutes < 90
                    ? $"{Math.Ceiling(left.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min"
                    : $"{left.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h";
        }
    }

    protected override void OnParametersSet()
    {
        ArgumentNullException.ThrowIfNull(Run);
        if (ReferenceEquals(_shown, Run)) return;
        // A fresh read from the database; pushed progress newer than it is kept.
        _shown = Run;
        _status = Run.Status;
        _error = Run.Error;
        if (Run.ProgressStep >= _step || Run.Status != JobStatus.Running)
        {
            _step = Run.ProgressStep;
            _total = Run.ProgressTotal > 0 ? Run.ProgressTotal : Run.Parameters.Steps;
            _finishAt = Run.EstimatedFinishAt;
            if (Run.Losses.Count >= _losses.Count)
            {
                _losses.Clear();
                _losses.AddRange(Run.Losses);
            }
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            _subscription = Updates.Subscribe(Run.Id, OnProgress, OnValidation, OnStatus);
    }

    private void OnProgress(FineTuneProgress progress) => _ = InvokeAsync(() =>
    {
        if (_status is not (JobStatus.Queued or JobStatus.Running)) return;
        _status = JobStatus.Running;
        _step = progress.Step;
        _total = progress.TotalSteps;
        _finishAt = progress.SecondsRemaining is { } s ? Time.GetUtcNow().AddSeconds(s) : null;
        // Messages carry only the points since the previous one; a restarted run repeats steps, which replace the old ones.
        foreach (var point in progress.Losses)
        {
            _losses.RemoveAll(p => p.Step >= point.Step);
            _losses.Add(point);
        }
        StateHasChanged();
    });

    private void OnValidation(FineTuneValidationImage image) => _ = InvokeAsync(() =>
    {
        if (image.Jpeg is not { Length: > 0 } jpeg) return;
        _validations.RemoveAll(v => v.Step == image.Step);
        _validations.Add(new ValidationShot(image.Step, "data:image/jpeg;base64," + Convert.ToBase64String(jpeg)));
        _validations.Sort((a, b) => a.Step.CompareTo(b.Step));
        if (_validations.Count > MaxValidationImages) _validations.RemoveAt(0);
        StateHasChanged();
    });

    private void OnStatus(FineTuneStatusChange change) => _ = InvokeAsync(async () =>
    {
        _status = change.Status;
        if (change.Error is not null) _error = change.Error;
        if (change.Status == JobStatus.Succeeded) _step = _total;
        StateHasChanged();
        if (change.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
            await OnEnded.InvokeAsync(Run.Id);
    });

    private Task CancelAsync() => OnCancel.InvokeAsync(Run.Id);

    public void Dispose() => _subscription?.Dispose();

    private sealed record ValidationShot(int Step, string DataUrl);
}
