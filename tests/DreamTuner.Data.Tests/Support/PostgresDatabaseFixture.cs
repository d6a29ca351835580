namespace DreamTuner.Data.Tests.Support;

/// <summary>
/// Class fixture: one migrated database per test class, dropped when the class is done. Tests in a class
/// share it, so they should create their own rows rather than count a table's contents.
/// </summary>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string ConnectionString => Database.ConnectionString;

    public StudioDbContext CreateContext() => Database.CreateContext();

    public virtual async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(migrate: true);

    public virtual async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
