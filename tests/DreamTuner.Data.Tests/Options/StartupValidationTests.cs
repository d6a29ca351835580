using DreamTuner.Data.Blobs;
using DreamTuner.Data.Extensions;
using DreamTuner.Data.Options;
using DreamTuner.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamTuner.Data.Tests.Options;

public sealed class StartupValidationTests : IDisposable
{
    private const string ValidConnectionString = "Host=127.0.0.1;Port=5432;Username=dreamtuner;Password=x;Database=dreamtuner";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(null, "it is not set")]
    [InlineData("", "it is not set")]
    [InlineData("Hots=127.0.0.1;Database=dreamtuner", "hots")]
    [InlineData("Host=127.0.0.1;Port=not-a-number", "")]
    [InlineData("Database=dreamtuner;Username=dreamtuner", "it names no Host")]
    public async Task A_missing_or_invalid_connection_string_fails_start_naming_the_setting(string? connectionString, string reason)
    {
        using var host = BuildStudioDataHost(new() { ["ConnectionStrings:Studio"] = connectionString, ["Blobs:Root"] = _folder.Path });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = Assert.Single(error.Failures);
        Assert.StartsWith("ConnectionStrings:Studio (env ConnectionStrings__Studio) is missing or invalid: ", message);
        Assert.Contains(reason, message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_blob_root_fails_start_naming_the_setting()
    {
        using var host = BuildStudioDataHost(new() { ["ConnectionStrings:Studio"] = ValidConnectionString });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Blobs:Root (env Blobs__Root) must be set to a writable folder", error.Message);
    }

    [Fact]
    public async Task A_blob_root_that_cannot_be_created_fails_start_naming_the_setting()
    {
        var aFile = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(aFile, "not a folder");
        using var host = BuildStudioDataHost(new()
        {
            ["ConnectionStrings:Studio"] = ValidConnectionString,
            ["Blobs:Root"] = Path.Combine(aFile, "blobs"),
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Blobs:Root (env Blobs__Root) must be set to a writable folder", error.Message);
    }

    [Fact]
    public async Task A_valid_configuration_starts_creates_the_blob_root_and_migrates_the_database()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var blobRoot = Path.Combine(_folder.Path, "not-yet-there");
        using var host = BuildStudioDataHost(new() { ["ConnectionStrings:Studio"] = database.ConnectionString, ["Blobs:Root"] = blobRoot });

        await host.StartAsync();
        await DatabaseMigrator.MigrateAsync(host.Services);

        Assert.True(Directory.Exists(blobRoot));
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<BlobRecorder>());
        Assert.IsType<FileBlobStore>(host.Services.GetRequiredService<IBlobStore>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Migrating_a_fresh_database_logs_no_error()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var log = new RecordingLoggerProvider();
        using var host = BuildStudioDataHost(new() { ["ConnectionStrings:Studio"] = database.ConnectionString, ["Blobs:Root"] = _folder.Path }, log);
        await host.StartAsync();

        await DatabaseMigrator.MigrateAsync(host.Services);
        await DatabaseMigrator.MigrateAsync(host.Services);

        Assert.Contains(log.Entries, e => e.Message.StartsWith("Applying ", StringComparison.Ordinal) && e.Message.Contains("_Initial", StringComparison.Ordinal));
        Assert.Contains(log.Entries, e => e.Message == "Database schema is up to date");
        Assert.Empty(log.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Two_instances_migrating_one_fresh_database_at_once_both_succeed()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Studio"] = database.ConnectionString, ["Blobs:Root"] = _folder.Path };
        using var first = BuildStudioDataHost(settings);
        using var second = BuildStudioDataHost(settings);

        await Task.WhenAll(DatabaseMigrator.MigrateAsync(first.Services), DatabaseMigrator.MigrateAsync(second.Services));

        await using var db = await first.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Start_up_removes_stale_blob_temp_files()
    {
        var stale = Path.Combine(_folder.Path, FileBlobStore.TempFilePrefix + "crashed");
        await File.WriteAllTextAsync(stale, "half a blob");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-3));
        using var host = BuildStudioDataHost(new() { ["ConnectionStrings:Studio"] = ValidConnectionString, ["Blobs:Root"] = _folder.Path });

        await host.StartAsync();

        Assert.False(File.Exists(stale));
        await host.StopAsync();
    }

    [Fact]
    public void The_extension_methods_refuse_a_null_builder()
    {
        Assert.Throws<ArgumentNullException>(() => StudioDataExtensions.AddStudioData(null!));
        Assert.Throws<ArgumentNullException>(() => StudioDataExtensions.AddBlobStore(null!));
        Assert.Throws<ArgumentNullException>(() => StudioDataExtensions.AddEngineOptions(null!));
    }

    private static IHost BuildStudioDataHost(Dictionary<string, string?> settings, ILoggerProvider? log = null)
    {
        // No defaults: the machine's environment variables must not leak into what the test checks.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (log is not null)
            builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(log);
        builder.AddStudioData();
        return builder.Build();
    }
}
