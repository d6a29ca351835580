using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// Composes sweep grids in the background. It polls the database rather than listening to engine status pushes:
/// pushes are dropped while the engine is disconnected and never replayed, and the database is what every studio
/// instance agrees on (the grid service's row lock keeps instances from doubling the work).
/// </summary>
public sealed class SweepGridWatcher(SweepGridService grids, IOptions<SweepOptions> options, ILogger<SweepGridWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GridPollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var id in await grids.PendingGridsAsync(10, stoppingToken))
                    await grids.ComposeIfDoneAsync(id, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database restart or a missing blob must not end the loop; the next tick tries again.
                logger.LogWarning(e, "Composing a sweep grid failed; retrying on the next tick");
            }
        }
    }
}
