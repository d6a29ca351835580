using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DreamTuner.Data.Tests.Support;

/// <summary>
/// A uniquely named database on the test server, dropped on dispose, so tests can run in parallel and
/// leave nothing behind.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Creates an empty database and, unless told otherwise, applies every migration to it.</summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, CancellationToken cancellationToken = default)
    {
        var admin = TestPostgres.AdminConnectionString;
        var name = "dt_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"", cancellationToken);

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var database = new TestDatabase(name, connectionString);
        if (migrate)
        {
            try
            {
                await using var db = database.CreateContext();
                await db.Database.MigrateAsync(cancellationToken);
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }

        return database;
    }

    /// <summary>A new context on this database; each call is independent, as two users' requests would be.</summary>
    public StudioDbContext CreateContext() => new(StudioDatabase.CreateOptions(ConnectionString));

    public async ValueTask DisposeAsync()
    {
        // Pooled connections would otherwise keep the database busy; FORCE ends any a test leaked.
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(TestPostgres.AdminConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        // Pooling off: an admin connection held in a pool would outlive the test run for nothing.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
