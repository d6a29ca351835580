namespace DreamTuner.Studio.Security;

/// <summary>
/// Response headers for every request. The content security policy is the tightest the app works under:
/// scripts only from the app itself (no inline script, no eval: blazor.web.js and MudBlazor.min.js need neither),
/// inline styles allowed (MudBlazor sets style attributes and Blazor's reconnect UI injects a style element),
/// images also from data:/blob: (MudBlazor icons, local previews), and the circuit's WebSocket to this host.
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(string host) => string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        $"connect-src 'self' ws://{host} wss://{host}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request.Host.Value ?? "localhost");
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });
    }
}
