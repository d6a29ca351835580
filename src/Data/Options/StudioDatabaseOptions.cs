using Npgsql;

namespace DreamTuner.Data.Options;

/// <summary>The PostgreSQL connection string, read from ConnectionStrings:Studio (not a section of its own).</summary>
public sealed class StudioDatabaseOptions
{
    public const string ConnectionStringName = "Studio";

    public const string MessagePrefix = "ConnectionStrings:Studio (env ConnectionStrings__Studio) is missing or invalid: ";

    public string? ConnectionString { get; set; }

    /// <summary>Returns why the connection string cannot be used, or null when it parses and names a host.</summary>
    public static string? FindProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "it is not set";
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return e.Message;
        }

        return string.IsNullOrWhiteSpace(parsed.Host) ? "it names no Host" : null;
    }
}
