using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.DreamTuner.IPAdapter;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Vision;
using TorchSharp;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Loaded models, kept between jobs and evicted least-recently-used when their approximate size (parameter bytes)
/// exceeds the budget. Keyed by <see cref="ModelKey"/>: the resolved model path plus the ControlNet, coarse-identity
/// module and character packages loaded into it. A worker runs one job at a time, so an evicted model is never in use.
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

    public StableDiffusionModel Get(string path) => Get(new ModelKey(path)).Model;

    /// <summary>The model with the key's add-ons loaded; a <see cref="Checkpoints.CheckpointException"/> when one does not fit.</summary>
    public LoadedModel Get(ModelKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = key.Id;
        lock (_gate)
        {
            var hit = _entries.FirstOrDefault(e => e.Path == id);
            if (hit is not null)
            {
                _entries.Remove(hit);
                _entries.AddFirst(hit);
                return hit.Loaded;
            }

            var loaded = Load(key);
            Loads++;
            var entry = new Entry(id, loaded, _sizeOf(loaded.Model));
            _entries.AddFirst(entry);
            // Evict the least recently used, but never the model just loaded, even if it alone exceeds the budget.
            while (_entries.Count > 1 && _entries.Sum(e => e.Bytes) > BudgetBytes)
            {
                var last = _entries.Last!.Value;
                _entries.RemoveLast();
                last.Loaded.Dispose();
            }
            return loaded;
        }
    }

    private LoadedModel Load(ModelKey key)
    {
        var model = _loader(key.ModelPath, Device);
        ICoarseIdentityModule? coarse = null;
        var characters = new List<LoadedCharacter>();
        try
        {
            if (key.ControlNetPath is not null)
            {
                model.ControlNet?.Dispose();
                model.ControlNet = ControlNetModel.FromFolder(key.ControlNetPath, Device.Device, Device.DType);
            }
            var kind = CoarseIdentityKind.None;
            if (key.CoarseIdentity && ModelFolderLayout.HasCoarseIdentity(key.ModelPath))
            {
                var clip = ClipVisionModel.FromFolder(ModelFolderLayout.ImageEncoder(key.ModelPath), Device.Device, Device.DType);
                if (ModelFolderLayout.ExistingSubjectEncoder(key.ModelPath) is { } encoder)
                {
                    coarse = SubjectEncoderFile.Load(encoder, model.Unet, clip);
                    kind = CoarseIdentityKind.SubjectEncoder;
                }
                else
                {
                    coarse = new IPAdapterIdentity(IPAdapterModel.FromFile(ModelFolderLayout.ExistingIPAdapter(key.ModelPath)!, model.Unet), clip);
                    kind = CoarseIdentityKind.IPAdapter;
                }
            }
            foreach (var package in key.Packages)
                characters.Add(CharacterPackage.Load(model, package, coarse as SubjectEncoderIdentity));
            return new LoadedModel(model, coarse, kind, characters);
        }
        catch
        {
            foreach (var c in characters) c.Dispose();
            coarse?.Dispose();
            model.Dispose();
            throw;
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
            foreach (var e in _entries) e.Loaded.Dispose();
            _entries.Clear();
        }
    }

    private sealed record Entry(string Path, LoadedModel Loaded, long Bytes);
}
