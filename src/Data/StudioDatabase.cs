using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data;

/// <summary>The one place that says how a <see cref="StudioDbContext"/> talks to PostgreSQL.</summary>
public static class StudioDatabase
{
    /// <summary>Migrations live in their own assembly so Data stays free of generated code.</summary>
    public const string MigrationsAssembly = "DreamTuner.Migrations";

    public static DbContextOptionsBuilder UseStudioDatabase(this DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly));
    }

    /// <summary>Options for code that builds a context by hand (tests, tools) rather than through DI.</summary>
    public static DbContextOptions<StudioDbContext> CreateOptions(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<StudioDbContext>();
        builder.UseStudioDatabase(connectionString);
        return builder.Options;
    }
}
