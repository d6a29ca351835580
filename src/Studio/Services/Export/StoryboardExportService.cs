using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Studio.Services.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Export;

/// <summary>Loads a storyboard for export (every member may export what they may see) and writes it as PDF or ZIP.</summary>
public sealed class StoryboardExportService(
    IDbContextFactory<StudioDbContext> dbs, StoryboardService storyboards, IBlobStore blobs, StoryboardPdfWriter pdf, TimeProvider time)
{
    public async Task<(byte[] Content, string FileName)> PdfAsync(Guid projectId, Guid storyboardId, Guid userId, CancellationToken cancellationToken = default)
    {
        var export = await LoadAsync(projectId, storyboardId, userId, cancellationToken);
        return (pdf.Write(export), export.FileStem + ".pdf");
    }

    public async Task<(byte[] Content, string FileName)> ZipAsync(Guid projectId, Guid storyboardId, Guid userId, CancellationToken cancellationToken = default)
    {
        var export = await LoadAsync(projectId, storyboardId, userId, cancellationToken);
        return (StoryboardZipWriter.Write(export), export.FileStem + ".zip");
    }

    /// <summary>The storyboard (after <see cref="StoryboardService.GetAsync"/>'s membership check) with its takes' bytes and settings.</summary>
    public async Task<StoryboardExport> LoadAsync(Guid projectId, Guid storyboardId, Guid userId, CancellationToken cancellationToken = default)
    {
        var board = await storyboards.GetAsync(projectId, storyboardId, userId, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var projectName = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).SingleAsync(cancellationToken);
        var imageIds = board.Panels.Where(p => p.ChosenTake is not null).Select(p => p.ChosenTake!.ImageId).Distinct().ToList();
        var images = await db.Images.AsNoTracking()
            .Where(i => imageIds.Contains(i.Id))
            .Select(i => new
            {
                i.Id, i.BlobHash, i.Blob!.ContentType, i.Width, i.Height, i.GenerationId, i.Generation!.Prompt, i.Seed,
                i.Generation.Scheduler, i.Generation.Steps, i.Generation.GuidanceScale, i.Generation.ModelId,
            })
            .ToDictionaryAsync(i => i.Id, cancellationToken);

        var panels = new List<ExportPanel>();
        foreach (var (panel, index) in board.Panels.Select((p, i) => (p, i)))
        {
            ExportTake? take = null;
            if (panel.ChosenTake is { } chosen && images.TryGetValue(chosen.ImageId, out var image))
            {
                await using var stream = blobs.OpenRead(image.BlobHash);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken);
                take = new ExportTake(image.Id, buffer.ToArray(), string.IsNullOrEmpty(image.ContentType) ? "image/png" : image.ContentType,
                    image.Width, image.Height, image.GenerationId, image.Prompt, image.Seed, image.Scheduler, image.Steps, image.GuidanceScale, image.ModelId);
            }

            panels.Add(new ExportPanel(index + 1, panel.Id, panel.ShotDescription, panel.Dialogue, [.. panel.Characters.Select(c => c.Name)], take));
        }

        return new StoryboardExport(board.Id, projectName, board.Title, board.Description, panels, time.GetUtcNow());
    }
}
