using DreamTuner.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace DreamTuner.Migrations;

/// <summary>
/// Lets dotnet-ef build the model without the studio's host. Generating migrations never connects, so the
/// connection string only has to parse.
/// </summary>
public sealed class StudioDbContextFactory : IDesignTimeDbContextFactory<StudioDbContext>
{
    private const string DesignTimeConnectionString = "Host=localhost;Database=dreamtuner_design;Username=design;Password=design";

    public StudioDbContext CreateDbContext(string[] args) => new(StudioDatabase.CreateOptions(DesignTimeConnectionString));
}
