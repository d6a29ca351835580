using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Components.Review;

/// <summary>
/// An image shown at a fixed size with its comment pins; a click reports the point as fractions of the image.
/// The fixed size is what lets the server turn the click's offset into a fraction without asking the browser.
/// </summary>
public sealed partial class PinnedImage : ComponentBase
{
    /// <summary>Where the image bytes are served. Default: empty.</summary>
    [Parameter]
    public string ImageUrl { get; set; } = "";

    /// <summary>Alternative text (the prompt). Default: empty.</summary>
    [Parameter]
    public string Alt { get; set; } = "";

    /// <summary>The image's own width in pixels. Default: 512.</summary>
    [Parameter]
    public int Width { get; set; } = 512;

    /// <summary>The image's own height in pixels. Default: 512.</summary>
    [Parameter]
    public int Height { get; set; } = 512;

    /// <summary>Largest side on screen, in CSS pixels. Default: 512.</summary>
    [Parameter]
    public int MaxSide { get; set; } = 512;

    /// <summary>Pins of the comments. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<ImagePin> Pins { get; set; } = [];

    /// <summary>The point the next comment will be pinned to. Default: null.</summary>
    [Parameter]
    public ImagePin? Pending { get; set; }

    /// <summary>Whether clicks place a pin (members who may comment). Default: false.</summary>
    [Parameter]
    public bool CanPin { get; set; }

    /// <summary>Raised with the clicked point, as fractions in [0, 1]. Default: none.</summary>
    [Parameter]
    public EventCallback<ImagePin> OnPin { get; set; }

    private double Scale => (double)MaxSide / Math.Max(1, Math.Max(Width, Height));

    private int DisplayWidth => Math.Max(1, (int)Math.Round(Width * Scale));

    private int DisplayHeight => Math.Max(1, (int)Math.Round(Height * Scale));

    private Task ClickAsync(MouseEventArgs e)
    {
        if (!CanPin)
            return Task.CompletedTask;
        var x = Math.Clamp(e.OffsetX / DisplayWidth, 0, 1);
        var y = Math.Clamp(e.OffsetY / DisplayHeight, 0, 1);
        return OnPin.InvokeAsync(new ImagePin(0, Math.Round(x, 4), Math.Round(y, 4), null));
    }

    private static string Position(double x, double y)
        => string.Create(CultureInfo.InvariantCulture, $"left:{x * 100:0.##}%;top:{y * 100:0.##}%");
}
