using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Blobs;

/// <summary>Stores bytes in the blob store and keeps the matching <see cref="Blob"/> metadata row in PostgreSQL.</summary>
public sealed class BlobRecorder(StudioDbContext db, IBlobStore store, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Puts the bytes, then records the row; rows reference blobs by hash, so the file must exist first.</summary>
    public async Task<BlobRef> StoreAsync(Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var blob = await store.PutAsync(content, contentType, cancellationToken);
        await RecordAsync(blob, cancellationToken);
        return blob;
    }

    /// <summary>
    /// Inserts the metadata row unless one exists. ON CONFLICT rather than check-then-insert, because
    /// studio and engines store the same bytes concurrently and the first row must simply win.
    /// </summary>
    public async Task RecordAsync(BlobRef blob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var createdAt = _time.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "Blobs" ("Hash", "Size", "ContentType", "CreatedAt")
            VALUES ({blob.Hash}, {blob.Size}, {blob.ContentType}, {createdAt})
            ON CONFLICT ("Hash") DO NOTHING
            """,
            cancellationToken);
    }
}
