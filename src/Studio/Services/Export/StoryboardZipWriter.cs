using System.IO.Compression;
using System.Text.Json;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services.Export;

/// <summary>
/// A ZIP of the panels' takes as they were generated (<c>panel-01.png</c>, ...) with <c>manifest.json</c>: the
/// storyboard, and per panel its number, file (null without a take), text, cast, and the job and settings of its take.
/// </summary>
public static class StoryboardZipWriter
{
    public const string ManifestName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Write(StoryboardExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var digits = Math.Max(2, export.Panels.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            var panels = new List<object>();
            foreach (var panel in export.Panels)
            {
                string? file = null;
                if (panel.Take is { } take)
                {
                    file = $"panel-{panel.Number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0')}{Extension(take.ContentType)}";
                    // Images are already compressed: storing them saves time and loses nothing.
                    var entry = zip.CreateEntry(file, CompressionLevel.NoCompression);
                    using var stream = entry.Open();
                    stream.Write(take.Bytes);
                }

                panels.Add(new
                {
                    number = panel.Number,
                    panelId = panel.PanelId,
                    file,
                    shot = panel.ShotDescription,
                    dialogue = panel.Dialogue,
                    characters = panel.Characters,
                    take = panel.Take is { } t
                        ? new
                        {
                            imageId = t.ImageId, generationId = t.GenerationId, prompt = t.Prompt, seed = t.Seed,
                            scheduler = SchedulerNames.NameOf(t.Scheduler), steps = t.Steps, guidance = t.GuidanceScale,
                            model = t.ModelId, width = t.Width, height = t.Height,
                        }
                        : null,
                });
            }

            var manifest = zip.CreateEntry(ManifestName, CompressionLevel.Optimal);
            using var manifestStream = manifest.Open();
            JsonSerializer.Serialize(manifestStream, new
            {
                storyboard = new { id = export.StoryboardId, title = export.Title, description = export.Description, project = export.ProjectName },
                exportedAt = export.ExportedAt,
                panels,
            }, Json);
        }

        return output.ToArray();
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        _ => ".png",
    };
}
