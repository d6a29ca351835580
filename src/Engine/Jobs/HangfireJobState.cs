using Hangfire.Server;
using Hangfire.States;

namespace DreamTuner.Engine.Jobs;

/// <summary>What a cancelled Hangfire job was cancelled for.</summary>
public static class HangfireJobState
{
    /// <summary>
    /// True when the job was deleted (from the dashboard, or by our own cancel), false when the server is shutting down.
    /// Hangfire's job token, ShutdownToken included, fires for both, so the job's stored state tells them apart: a
    /// shutdown leaves it Processing (and Hangfire re-queues it), a deletion does not. Unknown (no context, storage
    /// unreachable) counts as shutdown, the safe side: the job runs again rather than being marked cancelled.
    /// </summary>
    public static bool WasDeleted(PerformContext? context)
    {
        if (context is null) return false;
        try
        {
            return context.Connection.GetStateData(context.BackgroundJob.Id)?.Name is { } state && state != ProcessingState.StateName;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
