using Microsoft.Extensions.Options;

namespace DreamTuner.Data.Options;

/// <summary>Fails start-up with a message that says which setting to fix when the connection string is unusable.</summary>
public sealed class StudioDatabaseOptionsValidator : IValidateOptions<StudioDatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, StudioDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = StudioDatabaseOptions.FindProblem(options.ConnectionString);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(StudioDatabaseOptions.MessagePrefix + problem);
    }
}
