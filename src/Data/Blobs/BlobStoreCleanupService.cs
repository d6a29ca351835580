using Microsoft.Extensions.Hosting;

namespace DreamTuner.Data.Blobs;

/// <summary>Removes temp files of blob writes that a crash interrupted, once, when the host starts.</summary>
public sealed class BlobStoreCleanupService(IBlobStore store) : IHostedService
{
    /// <summary>Long enough that no live write (even a multi-gigabyte checkpoint) is still producing the file.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is FileBlobStore files)
        {
            files.DeleteStaleTempFiles(StaleAfter);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
