using DreamTuner.Studio.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Components;

/// <summary>
/// The document. Pages run interactively on the server except the account pages, which are static forms
/// (signing in sets a cookie, which only an HTTP response can do). No inline scripts (no import map), so the
/// content security policy can forbid them.
/// </summary>
public partial class App
{
    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    private IComponentRenderMode? PageRenderMode => HttpContext.AcceptsInteractiveRouting() ? RenderMode.InteractiveServer : null;

    private bool DarkMode => ThemeCookie.IsDark(HttpContext);
}
