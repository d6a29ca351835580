using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Export;
using DreamTuner.Studio.Services.Feed;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Services.Storyboards;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DreamTuner.Studio.Extensions;

public static class CollaborationExtensions
{
    /// <summary>Reviews, comments, notifications, storyboards, presence and the activity feed, pushed live over <c>/hubs/studio</c>.</summary>
    public static IHostApplicationBuilder AddCollaboration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CollaborationUpdates>();
        builder.Services.AddSingleton<CollaborationBroadcaster>();
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddScoped<ReviewService>();
        builder.Services.AddScoped<CommentService>();
        builder.Services.AddScoped<NotificationService>();
        builder.Services.AddScoped<ActivityService>();
        builder.Services.AddScoped<StoryboardService>();
        builder.Services.AddSingleton<StoryboardDeletionQueue>();
        builder.Services.AddOptions<ExportOptions>()
            .BindConfiguration(ExportOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StoryboardPdfWriter>();
        builder.Services.AddScoped<StoryboardExportService>();
        builder.Services.AddScoped<Services.Compare.CompareService>();
        return builder;
    }
}
