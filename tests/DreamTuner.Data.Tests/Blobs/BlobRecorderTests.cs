using DreamTuner.Data.Blobs;
using DreamTuner.Data.Options;
using DreamTuner.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Tests.Blobs;

public sealed class BlobRecorderTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Storing_the_same_bytes_twice_keeps_one_row_with_the_first_metadata()
    {
        var store = new FileBlobStore(new BlobStoreOptions { Root = _folder.Path });
        var bytes = Guid.NewGuid().ToByteArray();
        BlobRef first, second;
        await using (var db = fixture.CreateContext())
        {
            first = await new BlobRecorder(db, store).StoreAsync(new MemoryStream(bytes), "image/png");
        }

        await using (var db = fixture.CreateContext())
        {
            second = await new BlobRecorder(db, store).StoreAsync(new MemoryStream(bytes), "image/webp");
        }

        await using var check = fixture.CreateContext();
        var row = await check.Blobs.SingleAsync(b => b.Hash == first.Hash);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal((bytes.LongLength, "image/png"), (row.Size, row.ContentType));
        Assert.True(store.Exists(row.Hash));
    }
}
