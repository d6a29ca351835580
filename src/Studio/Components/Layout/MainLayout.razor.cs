using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DreamTuner.Studio.Components.Layout;

/// <summary>
/// The interactive layout: MudBlazor providers, app bar, theme toggle. The theme choice is written to a cookie
/// (by a small JS module), so the next visit is prerendered in the same theme.
/// </summary>
public partial class MainLayout
{
    private bool _dark;

    [CascadingParameter(Name = "DarkMode")]
    private bool InitialDarkMode { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override void OnInitialized() => _dark = InitialDarkMode;

    private async Task ToggleThemeAsync()
    {
        _dark = !_dark;
        await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/theme.js");
        await module.InvokeVoidAsync("saveTheme", _dark ? "dark" : "light");
    }
}
