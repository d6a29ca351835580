namespace DreamTuner.Data.Tests.Support;

/// <summary>The PostgreSQL server the test command starts; tests create their own databases on it.</summary>
public static class TestPostgres
{
    public const string VariableName = "DREAMTUNER_TEST_POSTGRES";

    /// <summary>A connection string with rights to create and drop databases.</summary>
    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(VariableName);
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException($"{VariableName} is not set: run ./dreamtuner test")
                : value;
        }
    }
}
