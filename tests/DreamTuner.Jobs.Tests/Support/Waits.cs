using Hangfire;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>Polling helpers for states reached by other threads and processes.</summary>
public static class Waits
{
    /// <summary>Generous: the test machine has two cores shared with other work.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the job's history holds <paramref name="count"/> entries of <paramref name="state"/>.</summary>
    public static Task HangfireStateAsync(JobStorage storage, string jobId, string state, int count = 1) =>
        UntilAsync(() => Task.FromResult(
            storage.GetMonitoringApi().JobDetails(jobId) is { } details && details.History.Count(h => h.StateName == state) >= count),
            $"Hangfire job {jobId} to reach {state} {count} time(s)");
}
