using System.Globalization;
using DreamTuner.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of this test alone (initdb into a temporary folder, pg_ctl on a free loopback port, trust
/// authentication, fsync off), as <c>./dreamtuner pg-start</c> makes one, so a test may stop and restart it without
/// touching the shared test server. initdb refuses root, so as root the server runs as the <c>postgres</c> OS user.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string OsUser = "postgres";

    private readonly string _bin;
    private readonly string _folder;

    private PrivatePostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string DataFolder => Path.Combine(_folder, "data");

    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")))
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql");
        var folder = Path.Combine(Path.GetTempPath(), "dreamtuner-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new PrivatePostgres(bin, folder, FreePort.Next());
        if (IsRoot) await ChildProcess.RunAsync("chown", OsUser, folder);
        await server.AsServerUserAsync("initdb", "-D", server.DataFolder, "-U", "dreamtuner", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartServerAsync();
        return server;
    }

    /// <summary>A connection string to <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "dreamtuner", Database = database,
    }.ConnectionString;

    /// <summary>Creates a database with every migration applied; returns its connection string.</summary>
    public async Task<string> CreateStudioDatabaseAsync(string name = "studio")
    {
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString()) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var connectionString = ConnectionString(name);
        await using var db = new StudioDbContext(StudioDatabase.CreateOptions(connectionString));
        await db.Database.MigrateAsync();
        return connectionString;
    }

    /// <summary>Fast shutdown: open connections are ended, as when the database server is restarted for maintenance.</summary>
    public Task StopAsync() => AsServerUserAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "stop");

    public Task StartServerAsync() => AsServerUserAsync("pg_ctl", "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{_folder}' -c fsync=off -c max_connections=200"),
        "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsServerUserAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test that failed between stop and start).
        }
        Directory.Delete(_folder, recursive: true);
    }

    private Task AsServerUserAsync(string program, params string[] arguments) =>
        IsRoot
            ? ChildProcess.RunAsync("runuser", ["-u", OsUser, "--", Path.Combine(_bin, program), .. arguments])
            : ChildProcess.RunAsync(Path.Combine(_bin, program), arguments);
}
