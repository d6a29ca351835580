using DreamTuner.Data;
using DreamTuner.Studio.Components;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Extensions;

public static class StudioAppExtensions
{
    public const string HealthPath = "/healthz";

    /// <summary>Middleware and endpoints of the studio.</summary>
    public static WebApplication MapStudio(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks(HealthPath);
        app.MapEngineHubs();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// Validates settings, applies migrations when asked, and runs until stopped. A setting that is missing or
    /// wrong stops the process with one line that says what to set (exit code 2), not a stack trace.
    /// </summary>
    public static async Task<int> RunStudioAsync(this WebApplication app, bool migrate)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            if (migrate)
                await DatabaseMigrator.MigrateAsync(app.Services);
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: {string.Join("; ", e.Failures)}");
            return 2;
        }
    }
}
