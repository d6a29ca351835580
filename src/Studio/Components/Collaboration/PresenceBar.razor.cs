using DreamTuner.Studio.Services.Collaboration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamTuner.Studio.Components.Collaboration;

/// <summary>Avatars of the members viewing the project now.</summary>
public sealed partial class PresenceBar : ComponentBase
{
    private static readonly Color[] Palette = [Color.Primary, Color.Secondary, Color.Tertiary, Color.Info, Color.Success, Color.Warning];

    /// <summary>Who is viewing. Default: nobody.</summary>
    [Parameter]
    public IReadOnlyList<ProjectViewer> Viewers { get; set; } = [];

    /// <summary>The signed-in user, marked "(you)". Default: empty.</summary>
    [Parameter]
    public Guid CurrentUserId { get; set; }

    private static string Initials(string name) => name.Length == 0 ? "?" : name[..Math.Min(2, name.Length)].ToUpperInvariant();

    // Stable per user across pages and sessions, so people recognise each other's colour.
    private static Color ColorOf(Guid userId) => Palette[userId.ToByteArray()[^1] % Palette.Length];
}
