using DreamTuner.Data.Options;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Hosting;

/// <summary>A wrong setting stops the real studio process with one line that says what to set.</summary>
public sealed class StartupValidationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Missing_connection_string_stops_the_studio_with_one_line_naming_the_setting()
    {
        using var blobs = new TempFolder();
        var (code, stderr, _) = await StudioProcess.RunAsync(new Dictionary<string, string?> { ["Blobs__Root"] = blobs.Path }, Timeout);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(StudioDatabaseOptions.MessagePrefix, line);
    }

    [Fact]
    public async Task Unparseable_connection_string_stops_the_studio_with_the_reason()
    {
        using var blobs = new TempFolder();
        var (code, stderr, _) = await StudioProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Blobs__Root"] = blobs.Path,
            ["ConnectionStrings__Studio"] = "Host=127.0.0.1;Port=notaport",
        }, Timeout);
        Assert.Equal(2, code);
        Assert.Contains(StudioDatabaseOptions.MessagePrefix, stderr);
    }

    [Fact]
    public async Task Missing_blob_folder_setting_stops_the_studio_with_one_line_naming_the_setting()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        var (code, stderr, _) = await StudioProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Studio"] = db.ConnectionString,
        }, Timeout);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Blobs:Root (env Blobs__Root)", line);
    }

    [Fact]
    public async Task Unreachable_Redis_stops_the_studio_with_one_line_naming_the_setting()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        using var blobs = new TempFolder();
        var (code, stderr, _) = await StudioProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Studio"] = db.ConnectionString,
            ["Blobs__Root"] = blobs.Path,
            ["ConnectionStrings__Redis"] = "127.0.0.1:1",
        }, Timeout);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ConnectionStrings:Redis (env ConnectionStrings__Redis)", line);
        Assert.Contains("127.0.0.1:1", line);
    }
}
