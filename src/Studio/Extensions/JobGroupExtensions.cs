using DreamTuner.Studio.Services.Export;
using DreamTuner.Studio.Services.JobGroups;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace DreamTuner.Studio.Extensions;

/// <summary>Job groups: panel renders, character re-renders and parameter sweeps with their grids.</summary>
public static class JobGroupExtensions
{
    public static IHostApplicationBuilder AddJobGroups(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<SweepOptions>()
            .BindConfiguration(SweepOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<JobGroupService>();
        builder.Services.AddScoped<PanelRenderService>();
        builder.Services.AddScoped<SweepService>();
        // The grid is labelled in the PDF export's font (Export:FontPath, else DejaVu / Liberation from /usr/share/fonts).
        builder.Services.AddSingleton(s =>
        {
            var path = StoryboardFontResolver.FontFile(s.GetRequiredService<IOptions<ExportOptions>>().Value.FontPath);
            return new SweepGridComposer(path is null ? SKTypeface.Default : SKTypeface.FromFile(path));
        });
        builder.Services.AddSingleton<SweepGridService>();
        builder.Services.AddHostedService<SweepGridWatcher>();
        return builder;
    }
}
