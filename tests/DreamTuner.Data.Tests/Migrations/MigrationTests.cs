using DreamTuner.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Tests.Migrations;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_match_the_model_exactly()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.CreateContext();
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();

        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task Applying_migrations_twice_is_harmless()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: true);
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }
}
