using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using Hangfire;
using Hangfire.Common;
using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Administrators start subject-encoder pretraining and read its state. There is no table for it: the request is the
/// Hangfire job's argument and its state is Hangfire's (plus the engine's latest <see cref="PretrainProgress"/>).
/// </summary>
public sealed class PretrainAdminService(UserManager<StudioUser> users, IBackgroundJobClient jobs, JobStorage storage)
{
    public async Task<bool> IsAdministratorAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is not null && await users.IsInRoleAsync(user, AccountService.AdministratorRole);
    }

    /// <summary>Enqueues the run and returns its Hangfire job id; the caller has checked <see cref="PretrainJobRequest.Problems"/>.</summary>
    public string Enqueue(PretrainJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return jobs.Enqueue<IPretrainJobs>(j => j.RunAsync(request, null, CancellationToken.None));
    }

    /// <summary>The job's state, or null when there is no pretraining job with that id.</summary>
    public PretrainJobState? Find(string jobId)
    {
        // Hangfire.PostgreSql's ids are numbers; anything else would make it throw instead of answering "none".
        if (!long.TryParse(jobId, out _)) return null;
        using var connection = storage.GetConnection();
        var data = connection.GetJobData(jobId);
        if (data?.Job is null || data.Job.Type != typeof(IPretrainJobs)) return null;
        var state = connection.GetStateData(jobId);
        var progressJson = connection.GetJobParameter(jobId, IPretrainJobs.ProgressParameter);
        var progress = progressJson is null ? null : SerializationHelper.Deserialize<PretrainProgress>(progressJson);
        var request = data.Job.Args.Count > 0 ? data.Job.Args[0] as PretrainJobRequest : null;
        // Hangfire's FailedState keeps the exception's message in its data; the engine words readable failures for people.
        var error = state?.Data is { } d && d.TryGetValue("ExceptionMessage", out var message) ? message : null;
        return new PretrainJobState(jobId, state?.Name ?? data.State, state?.Reason, error, new DateTimeOffset(data.CreatedAt, TimeSpan.Zero), request, progress);
    }
}
