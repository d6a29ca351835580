using System.Threading.Channels;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Previews;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Sends progress, previews and status changes to the studio hub from its own loop, so a slow studio or browser never
/// slows the engine: previews wait in a one-slot mailbox where a newer frame replaces an unsent one (the last one
/// therefore always survives), and JPEG encoding happens here, not on the denoising thread. Status changes queue in
/// order. The hub is invoked (not just sent to), so the studio's pace is the pace previews go out at. Fine-tunes use the
/// same idea: progress is a one-slot mailbox (a newer report takes over the unsent one's loss points), validation
/// images a short queue, status changes the ordered queue.
/// </summary>
public sealed class StudioHubPublisher : IGenerationEvents, IFineTuneEvents, IHostedService, IAsyncDisposable
{
    private const int MaxQueuedStatuses = 1000;
    private const int MaxQueuedValidations = 4;

    private readonly HubConnection _connection;
    private readonly PreviewEncoder _encoder;
    private readonly ILogger<StudioHubPublisher> _logger;
    private readonly Lock _gate = new();
    private readonly Queue<(string Method, object Message)> _statuses = new();
    private readonly Queue<ValidationFrame> _validations = new();
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private PreviewFrame? _latest;
    private FineTuneProgress? _latestFineTune;
    private long _posted, _handled;
    private Task? _loop;
    private int _disposed;

    public StudioHubPublisher(IOptions<EngineOptions> options, ILogger<StudioHubPublisher> logger, PreviewEncoder? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = StudioHubConnection.Create(options.Value.StudioHubUrl, options.Value.HubKey);
        _encoder = encoder ?? new PreviewEncoder();
        _logger = logger;
    }

    /// <summary>Previews actually delivered to the studio (for tests and the benchmark).</summary>
    public long PreviewsSent { get; private set; }

    public HubConnectionState State => _connection.State;

    /// <summary>Encode previews even with no studio connected (the benchmark measures the encoding without a studio).</summary>
    public bool EncodeWhenDisconnected { get; init; }

    public void Preview(PreviewFrame frame)
    {
        lock (_gate)
        {
            if (_latest is null) _posted++;
            _latest = frame;
        }
        _doorbell.Writer.TryWrite(true);
    }

    public void Status(GenerationStatusChange change) => EnqueueStatus(EngineHubProtocol.Status, change);

    public void FineTuneStatus(FineTuneStatusChange change) => EnqueueStatus(EngineHubProtocol.FineTuneStatus, change);

    public void FineTuneProgress(FineTuneProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_gate)
        {
            if (_latestFineTune is null) _posted++;
            // The replaced report's loss points are not lost: browsers draw the chart from these messages.
            else if (_latestFineTune.FineTuneId == progress.FineTuneId)
                progress = progress with { Losses = [.. _latestFineTune.Losses, .. progress.Losses] };
            _latestFineTune = progress;
        }
        _doorbell.Writer.TryWrite(true);
    }

    public void FineTuneValidation(ValidationFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_gate)
        {
            if (_validations.Count >= MaxQueuedValidations)
            {
                _validations.Dequeue();
                _handled++;
            }
            _validations.Enqueue(frame);
            _posted++;
        }
        _doorbell.Writer.TryWrite(true);
    }

    private void EnqueueStatus(string method, object change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (_statuses.Count >= MaxQueuedStatuses)
            {
                _statuses.Dequeue();
                _handled++;
            }
            _statuses.Enqueue((method, change));
            _posted++;
        }
        _doorbell.Writer.TryWrite(true);
    }

    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (_handled >= _posted) return;
            }
            await Task.Delay(10);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(TimeSpan.FromSeconds(2));
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: unsent previews are not worth waiting for.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        await _connection.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var connecting = ConnectAsync(stopping);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await _doorbell.Reader.ReadAsync(stopping);
                await SendPendingAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        await connecting;
    }

    private async Task ConnectAsync(CancellationToken stopping)
    {
        bool reported = false;
        while (!stopping.IsCancellationRequested && _connection.State == HubConnectionState.Disconnected)
        {
            try
            {
                await _connection.StartAsync(stopping);
                _logger.LogInformation("Connected to the studio hub");
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Jobs still run without the studio connection; only live previews are lost.
                if (!reported) _logger.LogWarning(e, "Cannot connect to the studio hub (check Engine:StudioHubUrl and Engine:HubKey); retrying");
                reported = true;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task SendPendingAsync(CancellationToken stopping)
    {
        while (true)
        {
            PreviewFrame? frame;
            FineTuneProgress? progress;
            ValidationFrame[] validations;
            (string Method, object Message)[] statuses;
            lock (_gate)
            {
                frame = _latest;
                _latest = null;
                progress = _latestFineTune;
                _latestFineTune = null;
                validations = [.. _validations];
                _validations.Clear();
                statuses = [.. _statuses];
                _statuses.Clear();
            }
            if (frame is null && progress is null && validations.Length == 0 && statuses.Length == 0) return;

            // Not connected: skip the encoding too; previews are only worth making for someone watching.
            if (frame is not null && (_connection.State == HubConnectionState.Connected || EncodeWhenDisconnected))
            {
                await SendAsync(EngineHubProtocol.Preview, ToMessage(frame), stopping);
            }
            if (frame is not null)
            {
                lock (_gate) _handled++;
            }
            if (progress is not null)
            {
                await SendAsync(EngineHubProtocol.FineTuneProgress, progress, stopping);
                lock (_gate) _handled++;
            }
            foreach (var validation in validations)
            {
                if (_connection.State == HubConnectionState.Connected)
                    await SendAsync(EngineHubProtocol.FineTuneValidation, ToMessage(validation), stopping);
                lock (_gate) _handled++;
            }
            foreach (var (method, status) in statuses)
            {
                await SendAsync(method, status, stopping);
                lock (_gate) _handled++;
            }
        }
    }

    private GenerationPreview ToMessage(PreviewFrame f)
    {
        byte[]? jpeg = f.Latents is null ? null : _encoder.Encode(f.Latents, f.LatentHeight, f.LatentWidth, f.ImageWidth, f.ImageHeight);
        return new GenerationPreview(f.GenerationId, f.ProjectId, f.GroupId, f.Step, f.TotalSteps, f.SecondsRemaining, jpeg);
    }

    private FineTuneValidationImage ToMessage(ValidationFrame f) =>
        new(f.FineTuneId, f.CharacterId, f.ProjectId, f.Step, _encoder.EncodeImage(f.Png));

    private async Task SendAsync(string method, object message, CancellationToken stopping)
    {
        if (_connection.State != HubConnectionState.Connected) return;
        try
        {
            await _connection.InvokeAsync(method, message, stopping);
            if (method == EngineHubProtocol.Preview) PreviewsSent++;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            _logger.LogDebug(e, "Could not send {Method} to the studio hub", method);
        }
    }
}
