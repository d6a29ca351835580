using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// A pretraining job's folder under Engine:WorkRoot/pretrain: the training loop's checkpoint, which a re-run of the same
/// Hangfire job resumes from. Named by the job id (stable across retries and re-queues after a killed worker); a direct
/// call without Hangfire uses a hash of the request instead.
/// </summary>
public sealed class PretrainWorkspace(string workRoot, string id)
{
    public string Id { get; } = id;

    public string Root { get; } = Path.Combine(Path.GetFullPath(workRoot), "pretrain", id);

    public static string IdFor(string? hangfireJobId, PretrainJobRequest request)
    {
        if (hangfireJobId is not null && hangfireJobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return $"job-{hangfireJobId}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request)));
        return $"request-{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }

    /// <summary>Removes the folder once the result is written or the job was deleted (best effort: a leftover only costs disk).</summary>
    public void Delete()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
