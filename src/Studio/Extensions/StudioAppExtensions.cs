using DreamTuner.Data;
using DreamTuner.Studio.Api;
using DreamTuner.Studio.Components;
using DreamTuner.Data.Options;
using DreamTuner.Studio.Security;

namespace DreamTuner.Studio.Extensions;

public static class StudioAppExtensions
{
    public const string HealthPath = "/healthz";
    public const string NotFoundPath = "/not-found";

    /// <summary>Middleware and endpoints of the studio.</summary>
    public static WebApplication MapStudio(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks(HealthPath);
        app.MapStudioEndpoints();
        app.MapStoryboardExports();
        app.MapPoseEndpoints();
        app.MapStudioApi();
        app.MapEngineHubs();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null); // our own CSP says frame-ancestors
        return app;
    }

    /// <summary>
    /// Validates settings, applies migrations when asked, and runs until stopped. A setting that is missing or
    /// wrong stops the process with one line that says what to set (exit code 2), not a stack trace.
    /// </summary>
    public static async Task<int> RunStudioAsync(this WebApplication app, bool migrate)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (StartupValidation.FindProblem(app.Services) is { } problem)
        {
            await Console.Error.WriteLineAsync($"error: {problem}");
            return 2;
        }
        if (migrate)
            await DatabaseMigrator.MigrateAsync(app.Services);
        await app.RunAsync();
        return 0;
    }
}
