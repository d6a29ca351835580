using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Account.Shared;

/// <summary>Layout of the static account pages; if an interactive router ever lands here, it reloads the page so the form posts over HTTP.</summary>
public partial class AccountLayout
{
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    private bool DarkMode { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (HttpContext is null)
            Navigation.Refresh(forceReload: true);
    }
}
