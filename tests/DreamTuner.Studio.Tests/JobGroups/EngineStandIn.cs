using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Tests.JobGroups;

/// <summary>
/// Ends generations the way the engine does (no engine runs in these tests): Succeeded and its images in one
/// transaction, or Failed with a reason.
/// </summary>
internal static class EngineStandIn
{
    public static async Task SucceedAsync(StudioScope scope, Guid generationId, byte[] png)
    {
        await using var db = await scope.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var blob = await new BlobRecorder(db, scope.Get<IBlobStore>()).StoreAsync(new MemoryStream(png), "image/png");
        var g = await db.Generations.SingleAsync(x => x.Id == generationId);
        var now = DateTimeOffset.UtcNow;
        for (int i = 0; i < g.BatchSize; i++)
            db.Images.Add(new Image { GenerationId = g.Id, BatchIndex = i, BlobHash = blob.Hash, Width = g.Width, Height = g.Height, Seed = g.Seed + i, CreatedAt = now });
        g.Status = JobStatus.Succeeded;
        g.FinishedAt = now;
        await db.SaveChangesAsync();
    }

    public static async Task FailAsync(StudioScope scope, Guid generationId)
    {
        await using var db = await scope.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        await db.Generations.Where(g => g.Id == generationId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, JobStatus.Failed).SetProperty(g => g.Error, "out of memory"));
    }

    public static async Task<List<Generation>> GroupAsync(StudioScope scope, Guid groupId)
    {
        await using var db = await scope.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        return await db.Generations.AsNoTracking().Where(g => g.GroupId == groupId).OrderBy(g => g.CreatedAt).ToListAsync();
    }

    /// <summary>A PNG of one flat colour.</summary>
    public static byte[] SolidPng(int width, int height, SkiaSharp.SKColor colour)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
