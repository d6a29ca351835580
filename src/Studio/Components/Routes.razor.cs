using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components;

public partial class Routes
{
    /// <summary>The theme the user chose last (from the theme cookie); cascaded to the layouts. Default: light.</summary>
    [Parameter]
    public bool DarkMode { get; set; }
}
