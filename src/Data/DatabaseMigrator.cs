using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DreamTuner.Data;

/// <summary>Brings the database up to the latest migration; run by the studio's start command (--migrate).</summary>
public static class DatabaseMigrator
{
    /// <summary>Key of the PostgreSQL advisory lock that lets one instance migrate at a time ("DTmigrat" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x44546D6967726174;

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseMigrator).FullName!) ?? NullLogger.Instance;
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        // EF's own migration lock does not keep two Npgsql migrators apart: two studio instances starting on a fresh
        // database both applied the same migration and one failed ("column ... already exists"). A session-level
        // advisory lock on the connection EF migrates through makes the second wait and then find nothing pending.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        try
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            // Npgsql's history repository says the history table exists without looking and lets the first read of it
            // fail on a fresh database, which EF logs as an error (npgsql/efcore.pg#3407): every first start printed
            // "fail: Failed executing DbCommand" twice for a database that was fine. EF's own CREATE TABLE IF NOT
            // EXISTS script, run first, keeps the log honest.
            await ExecuteAsync(connection, db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                logger.LogInformation("Database schema is up to date");
                return;
            }

            logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            // Closing the connection returns it to the pool with the session lock still held, so unlock first. When
            // the connection itself broke (the reason a migration failed, say), its session ended and took the lock
            // with it; the unlock's own error must not hide the migration's.
            try
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
            catch (DbException)
            {
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
