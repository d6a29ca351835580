using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DreamTuner.Engine.Evaluation;

/// <summary>
/// The evaluation embedders a worker keeps loaded: the ResNet-18 identity embedder (shipped with the engine; null when
/// its files are missing) and one CLIP pair per model <c>clip/</c> folder. Loading failures are logged once and give
/// null, so a missing evaluation model leaves scores empty instead of failing generations.
/// </summary>
public sealed class EvaluationModels(ILogger<EvaluationModels> logger, string? resNetFolder = null) : IDisposable
{
    private readonly Lazy<ResNet18ImageEmbedder?> _resNet = new(() => LoadResNet(logger, resNetFolder ?? ResNet18ImageEmbedder.DefaultPath));
    private readonly ConcurrentDictionary<string, Lazy<ClipEmbedders?>> _clips = new(StringComparer.Ordinal);

    /// <summary>The identity embedder, or null when ResNet-18 is not installed beside the engine.</summary>
    public IImageEmbedder? Identity => _resNet.Value;

    /// <summary>The CLIP embedders of <paramref name="clipDir"/>, or null when the folder cannot be loaded.</summary>
    public ClipEmbedders? Clip(string clipDir) =>
        _clips.GetOrAdd(Path.GetFullPath(clipDir), dir => new Lazy<ClipEmbedders?>(() => LoadClip(logger, dir))).Value;

    public void Dispose()
    {
        if (_resNet.IsValueCreated)
            _resNet.Value?.Dispose();
        foreach (var clip in _clips.Values.Where(c => c.IsValueCreated))
            clip.Value?.Dispose();
    }

    private static ResNet18ImageEmbedder? LoadResNet(ILogger logger, string dir)
    {
        try
        {
            return ResNet18ImageEmbedder.FromFolder(dir);
        }
        catch (Exception e) when (e is Checkpoints.CheckpointException or IOException)
        {
            logger.LogWarning("Identity scores are off: {Reason}", e.Message);
            return null;
        }
    }

    private static ClipEmbedders? LoadClip(ILogger logger, string dir)
    {
        try
        {
            return ClipEmbedders.Load(dir);
        }
        catch (Exception e) when (e is Checkpoints.CheckpointException or IOException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Prompt scores are off for {Folder}: {Reason}", dir, e.Message);
            return null;
        }
    }
}
