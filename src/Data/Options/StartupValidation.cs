using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DreamTuner.Data.Options;

/// <summary>
/// Runs the options validators registered with ValidateOnStart before a host starts, so that a missing or wrong
/// setting is reported as one line that says what to set, instead of the host's logged stack trace.
/// </summary>
public static partial class StartupValidation
{
    /// <summary>Null when every setting is valid; otherwise one line naming each failing setting.</summary>
    public static string? FindProblem(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return OneLine(e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OptionsValidationException))
        {
            return string.Join("; ", e.InnerExceptions.Cast<OptionsValidationException>().Select(OneLine));
        }
    }

    /// <summary>The failure messages alone, without DataAnnotations' "validation failed for ... members" wrapper.</summary>
    public static string OneLine(OptionsValidationException e) =>
        string.Join("; ", e.Failures.Select(f => DataAnnotationWrapper().Match(f) is { Success: true } m ? m.Groups[1].Value : f))
            .ReplaceLineEndings(" ");

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationWrapper();
}
