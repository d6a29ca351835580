using DreamTuner.Data.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>The real studio host on its own migrated test database and blob folder.</summary>
public sealed class StudioFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;
    private readonly TempFolder _blobs = new();

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(migrate: true);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Studio", Database.ConnectionString);
        builder.UseSetting("Blobs:Root", _blobs.Path);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        _blobs.Dispose();
    }
}
