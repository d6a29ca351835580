using DreamTuner.Data.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DreamTuner.Data;

/// <summary>
/// Empties Npgsql's connection pools when PostgreSQL has restarted. Pooled connections to the old server process are
/// found dead only when used, one failed query each (npgsql/npgsql#5073), and Hangfire waits longer after every failed
/// poll, so a worker could sit idle for minutes after a restart of a few seconds. Every <see cref="Interval"/> this
/// asks the server when it started, on a connection of its own outside the pool; when the answer changes, the pools are
/// cleared at once and the next query of every component opens a fresh connection.
/// </summary>
public sealed partial class PostgresRestartWatcher(IOptions<StudioDatabaseOptions> options, ILogger<PostgresRestartWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private DateTime? _serverStarted;

    /// <summary>How many restarts this watcher has seen (and cleared the pools for).</summary>
    public int RestartsSeen { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await CheckAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One look at the server's start time; clears the pools when it differs from the last one seen.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var probe = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString) { Pooling = false, Timeout = 5, CommandTimeout = 5 };
        DateTime started;
        try
        {
            await using var connection = new NpgsqlConnection(probe.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_postmaster_start_time()", connection);
            started = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Down or unreachable: whoever needs the database reports that; the next look may see the new server.
            LogUnreachable(logger, e.Message);
            return;
        }

        if (_serverStarted is { } seen && seen != started)
        {
            NpgsqlConnection.ClearAllPools();
            RestartsSeen++;
            LogRestart(logger, started);
        }

        _serverStarted = started;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL restarted (server up since {Started:O}); pooled connections to the old server dropped")]
    private static partial void LogRestart(ILogger logger, DateTime started);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PostgreSQL restart watcher could not reach the server: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
