using DreamTuner.Data;
using DreamTuner.Data.Options;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DreamTuner.Jobs.Tests.Faults;

/// <summary>
/// After a PostgreSQL restart every idle pooled connection is dead and fails the first query it is given; the watcher
/// sees the server's new start time and empties the pools, so the next query opens a fresh connection.
/// </summary>
public sealed class PostgresRestartWatcherTests
{
    private static async Task<int> SelectOneAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task After_a_restart_the_watcher_drops_the_dead_pooled_connections_so_the_next_query_works()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        // A pool of this test's own (the application name is part of the pool's key).
        var pooled = new NpgsqlConnectionStringBuilder(postgres.ConnectionString()) { ApplicationName = "watcher-test" }.ConnectionString;
        var watcher = new PostgresRestartWatcher(Microsoft.Extensions.Options.Options.Create(new StudioDatabaseOptions { ConnectionString = pooled }),
            NullLogger<PostgresRestartWatcher>.Instance);
        await watcher.CheckAsync();
        // Two idle connections in the pool, as a worker has after its first job.
        await using (var a = new NpgsqlConnection(pooled))
        await using (var b = new NpgsqlConnection(pooled))
        {
            await a.OpenAsync();
            await b.OpenAsync();
            Assert.Equal(1, await SelectOneAsync(a) + await SelectOneAsync(b) - 1);
        }

        await postgres.StopAsync();
        await postgres.StartServerAsync();

        // Without the watcher: the first idle connection handed out belongs to the old server.
        await using (var stale = new NpgsqlConnection(pooled))
        {
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await stale.OpenAsync();
                await SelectOneAsync(stale);
            });
        }

        await watcher.CheckAsync();
        Assert.Equal(1, watcher.RestartsSeen);
        await using var fresh = new NpgsqlConnection(pooled);
        await fresh.OpenAsync();
        Assert.Equal(1, await SelectOneAsync(fresh));
    }

    [Fact]
    public async Task A_look_while_the_server_is_down_neither_throws_nor_counts_and_the_restart_is_seen_once_it_is_back()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        var watcher = new PostgresRestartWatcher(Microsoft.Extensions.Options.Options.Create(new StudioDatabaseOptions { ConnectionString = postgres.ConnectionString() }),
            NullLogger<PostgresRestartWatcher>.Instance);
        await watcher.CheckAsync();
        await postgres.StopAsync();

        await watcher.CheckAsync();
        Assert.Equal(0, watcher.RestartsSeen);
        await postgres.StartServerAsync();
        await watcher.CheckAsync();

        Assert.Equal(1, watcher.RestartsSeen);
    }
}
