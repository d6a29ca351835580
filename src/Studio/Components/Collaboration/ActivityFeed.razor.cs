using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services.Feed;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamTuner.Studio.Components.Collaboration;

/// <summary>Lines of a project's activity, newest first, each linking to what it is about.</summary>
public sealed partial class ActivityFeed : ComponentBase
{
    /// <summary>The lines to show. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<ActivityEntry> Entries { get; set; } = [];

    /// <summary>The project, for links. Default: empty.</summary>
    [Parameter]
    public Guid ProjectId { get; set; }

    /// <summary>"Now" for the relative times; tests pin it. Default: the current time.</summary>
    [Parameter]
    public DateTimeOffset? Now { get; set; }

    private string? LinkOf(ActivityEntry e) => (e.EntityType, e.EntityId) switch
    {
        (nameof(Image), { } id) => $"projects/{ProjectId}/images/{id}/review",
        (nameof(Storyboard), { } id) => $"projects/{ProjectId}/storyboards/{id}",
        (nameof(Character), { } id) => $"projects/{ProjectId}/characters/{id}",
        _ => null,
    };

    private string Ago(DateTimeOffset at)
    {
        var span = (Now ?? DateTimeOffset.UtcNow) - at;
        return span.TotalMinutes < 1 ? "just now"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min ago"
            : span.TotalDays < 1 ? $"{(int)span.TotalHours} h ago"
            : at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string IconOf(ActivityKind kind) => kind switch
    {
        ActivityKind.CharacterCreated or ActivityKind.CharacterUpdated or ActivityKind.CharacterDeleted => Icons.Material.Filled.Person,
        ActivityKind.FineTuneQueued or ActivityKind.FineTuneFinished => Icons.Material.Filled.ModelTraining,
        ActivityKind.GenerationQueued or ActivityKind.GenerationFinished or ActivityKind.GenerationCancelled => Icons.Material.Filled.AutoAwesome,
        ActivityKind.ImageReviewed => Icons.Material.Filled.Gavel,
        ActivityKind.CommentPosted or ActivityKind.CommentEdited or ActivityKind.CommentDeleted => Icons.Material.Filled.Comment,
        ActivityKind.StoryboardCreated or ActivityKind.StoryboardUpdated or ActivityKind.PanelImageChosen or ActivityKind.PanelAdded
            or ActivityKind.PanelEdited or ActivityKind.PanelMoved or ActivityKind.PanelDeleted => Icons.Material.Filled.ViewQuilt,
        _ => Icons.Material.Filled.Info,
    };
}
