using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using TorchSharp;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Loaded models, kept between jobs and evicted least-recently-used when their approximate size (parameter bytes)
/// exceeds the budget. Keyed by the resolved model path (a character package will join the key when DreamTuner
/// generation lands). A worker runs one job at a time, so an evicted model is never in use.
/// </summary>
public sealed class ModelCache(DeviceSpec device, long budgetBytes, Func<string, DeviceSpec, StableDiffusionModel>? loader = null,
    Func<StableDiffusionModel, long>? sizeOf = null) : IDisposable
{
    private readonly Func<string, DeviceSpec, StableDiffusionModel> _loader = loader ?? ((path, d) => ModelLoader.Load(path, d));
    private readonly Func<StableDiffusionModel, long> _sizeOf = sizeOf ?? ApproximateBytes;
    private readonly LinkedList<Entry> _entries = new();
    private readonly Lock _gate = new();

    public DeviceSpec Device { get; } = device;

    public long BudgetBytes { get; } = budgetBytes > 0 ? budgetBytes : throw new ArgumentOutOfRangeException(nameof(budgetBytes));

    /// <summary>How many loads happened (a cache hit does not load).</summary>
    public int Loads { get; private set; }

    public IReadOnlyList<string> CachedPaths
    {
        get
        {
            lock (_gate) return [.. _entries.Select(e => e.Path)];
        }
    }

    public StableDiffusionModel Get(string path)
    {
        lock (_gate)
        {
            var hit = _entries.FirstOrDefault(e => e.Path == path);
            if (hit is not null)
            {
                _entries.Remove(hit);
                _entries.AddFirst(hit);
                return hit.Model;
            }

            var model = _loader(path, Device);
            Loads++;
            var entry = new Entry(path, model, _sizeOf(model));
            _entries.AddFirst(entry);
            // Evict the least recently used, but never the model just loaded, even if it alone exceeds the budget.
            while (_entries.Count > 1 && _entries.Sum(e => e.Bytes) > BudgetBytes)
            {
                var last = _entries.Last!.Value;
                _entries.RemoveLast();
                last.Model.Dispose();
            }
            return model;
        }
    }

    /// <summary>Parameter bytes of every network of the model.</summary>
    public static long ApproximateBytes(StableDiffusionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IEnumerable<torch.nn.Module> modules = model.ControlNet is null
            ? [model.TextEncoder, model.Unet, model.Vae]
            : [model.TextEncoder, model.Unet, model.Vae, model.ControlNet];
        return modules.SelectMany(m => m.parameters()).Sum(p => p.numel() * p.ElementSize);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var e in _entries) e.Model.Dispose();
            _entries.Clear();
        }
    }

    private sealed record Entry(string Path, StableDiffusionModel Model, long Bytes);
}
