using System.Security.Cryptography;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Options;
using DreamTuner.Data.Tests.Support;

namespace DreamTuner.Data.Tests.Blobs;

public sealed class FileBlobStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_id_is_the_sha256_of_the_bytes_in_lowercase_hex()
    {
        var store = CreateStore();

        var blob = await store.PutAsync(new MemoryStream("abc"u8.ToArray()), "text/plain");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", blob.Hash);
        Assert.Equal(3, blob.Size);
        Assert.Equal("text/plain", blob.ContentType);
    }

    [Fact]
    public async Task Same_bytes_give_the_same_id_and_one_file()
    {
        var store = CreateStore();
        var bytes = RandomBytes(300_000);

        var first = await store.PutAsync(new MemoryStream(bytes), "image/png");
        var second = await store.PutAsync(new MemoryStream(bytes), "image/png");

        Assert.Equal(first, second);
        Assert.Equal([store.PathOf(first.Hash)], Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_bytes_store_one_file()
    {
        var store = CreateStore();
        var bytes = RandomBytes(200_000);

        var blobs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.PutAsync(new MemoryStream(bytes), "image/png"))));

        Assert.Single(blobs.Select(b => b.Hash).Distinct());
        Assert.Single(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Bytes_read_back_are_identical_and_live_under_two_levels_of_hash_prefix()
    {
        var store = CreateStore();
        var bytes = RandomBytes(1_000_003);

        var blob = await store.PutAsync(new MemoryStream(bytes), "application/octet-stream");

        Assert.True(store.Exists(blob.Hash));
        Assert.Equal(Path.Combine(_folder.Path, blob.Hash[..2], blob.Hash[2..4], blob.Hash), store.PathOf(blob.Hash));
        await using var read = store.OpenRead(blob.Hash);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_stream_that_fails_halfway_leaves_no_blob_and_no_temp_file()
    {
        var store = CreateStore();
        var bytes = RandomBytes(500_000);
        var hash = Sha256(bytes);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(new FailingStream(bytes, failAfter: bytes.Length / 2), "image/png"));

        Assert.False(store.Exists(hash));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_write_frozen_midway_is_invisible_until_complete()
    {
        // What another process sees while a writer is mid-way, which is also what a kill at that moment leaves.
        var store = CreateStore();
        var bytes = RandomBytes(500_000);
        var hash = Sha256(bytes);
        using var cancel = new CancellationTokenSource();
        var stream = new FailingStream(bytes, failAfter: bytes.Length / 2, hang: true);

        var put = store.PutAsync(stream, "image/png", cancel.Token);
        await stream.ReachedFailurePoint.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(store.Exists(hash));
        var file = Assert.Single(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
        Assert.StartsWith(FileBlobStore.TempFilePrefix, Path.GetFileName(file));
        Assert.Equal(_folder.Path, Path.GetDirectoryName(file));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_temp_file_left_by_a_killed_writer_is_not_a_blob_and_is_cleaned_up_once_stale()
    {
        var store = CreateStore();
        var bytes = RandomBytes(100_000);
        var hash = Sha256(bytes);
        var stale = Path.Combine(_folder.Path, FileBlobStore.TempFilePrefix + "killed");
        var live = Path.Combine(_folder.Path, FileBlobStore.TempFilePrefix + "still-writing");
        await File.WriteAllBytesAsync(stale, bytes[..(bytes.Length / 2)]);
        await File.WriteAllBytesAsync(live, bytes[..10]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));

        Assert.False(store.Exists(hash));
        var deleted = store.DeleteStaleTempFiles(TimeSpan.FromHours(1));

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live), "a temp file younger than an hour may belong to a live writer");
        var blob = await store.PutAsync(new MemoryStream(bytes), "image/png");
        Assert.Equal(hash, blob.Hash);
        Assert.True(store.Exists(hash));
    }

    [Fact]
    public async Task Content_over_the_size_limit_is_rejected_and_leaves_nothing()
    {
        var store = CreateStore(maxBytes: 1000);

        var error = await Assert.ThrowsAsync<BlobTooLargeException>(() => store.PutAsync(new MemoryStream(RandomBytes(1001)), "image/png"));

        Assert.Equal(1000, error.MaxBytes);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
        Assert.Equal(1000, (await store.PutAsync(new MemoryStream(RandomBytes(1000)), "image/png")).Size);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("ba7816bf")]
    [InlineData("")]
    public void Anything_but_a_lowercase_sha256_hex_is_refused_as_a_blob_id(string hash)
    {
        var store = CreateStore();

        Assert.Throws<ArgumentException>(() => store.PathOf(hash));
        Assert.Throws<ArgumentException>(() => store.Exists(hash));
    }

    [Fact]
    public void Opening_a_missing_blob_throws_file_not_found()
    {
        var store = CreateStore();

        Assert.Throws<FileNotFoundException>(() => store.OpenRead(new string('0', 64)));
    }

    private FileBlobStore CreateStore(long? maxBytes = null) => new(new BlobStoreOptions { Root = _folder.Path, MaxBytes = maxBytes });

    private static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
