using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>Reading and waiting for fine-tune rows, as <see cref="JobsWorld"/> does for generations.</summary>
public static class FineTuneWaits
{
    public static async Task<FineTune> ReloadFineTuneAsync(this JobsWorld world, Guid id)
    {
        await using var db = world.Db();
        return await db.FineTunes.AsNoTracking().Include(f => f.Character).SingleAsync(f => f.Id == id);
    }

    public static async Task<FineTune> WaitForFineTuneAsync(this JobsWorld world, Guid id, TimeSpan timeout, params JobStatus[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var f = await world.ReloadFineTuneAsync(id);
            if (statuses.Contains(f.Status)) return f;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"fine-tune {id} is {f.Status} (step {f.ProgressStep}/{f.ProgressTotal}) after {timeout}; wanted {string.Join("/", statuses)}");
            await Task.Delay(100);
        }
    }

    public static Task<FineTune> WaitForFineTuneEndAsync(this JobsWorld world, Guid id, TimeSpan timeout) =>
        world.WaitForFineTuneAsync(id, timeout, JobStatus.Succeeded, JobStatus.Failed, JobStatus.Cancelled);
}
