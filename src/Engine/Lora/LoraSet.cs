using DreamTuner.Engine.Checkpoints;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Lora;

/// <summary>
/// One character's LoRA: an adapter per adapted projection, keyed by <see cref="LoraTarget.Name"/>. Attaching puts
/// the adapters on the projections' lists (several sets can be attached at once); merging folds them into the weights
/// (W += scale · up @ down) and unmerging takes them out again.
/// </summary>
public sealed class LoraSet : IDisposable
{
    private readonly Dictionary<string, (LoraTarget Target, LoraAdapter Adapter)> _adapters;

    private LoraSet(Dictionary<string, (LoraTarget, LoraAdapter)> adapters) => _adapters = adapters;

    /// <summary>Fresh adapters (up = 0) on every target; the model's output is unchanged until they train.</summary>
    public static LoraSet Create(IEnumerable<LoraTarget> targets, int rank, double alpha, long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed), CPU);
        var adapters = new Dictionary<string, (LoraTarget, LoraAdapter)>();
        foreach (var target in targets)
        {
            var adapter = LoraAdapter.Create(target.InFeatures, target.OutFeatures, rank, alpha, generator);
            MoveTo(adapter, target);
            adapters[target.Name] = (target, adapter);
        }
        return new LoraSet(adapters);
    }

    public IReadOnlyDictionary<string, LoraAdapter> Adapters => _adapters.ToDictionary(kv => kv.Key, kv => kv.Value.Adapter);

    public int Rank => _adapters.Values.Select(a => a.Adapter.Rank).DefaultIfEmpty(0).First();
    public double Alpha => _adapters.Values.Select(a => a.Adapter.Alpha).DefaultIfEmpty(0).First();

    /// <summary>Down and up of every adapter under <c>{target}.lora_down</c> / <c>{target}.lora_up</c> (for optimisers and checkpoints).</summary>
    public IEnumerable<(string Name, TorchSharp.Modules.Parameter Parameter)> NamedParameters()
    {
        foreach (var (name, (_, adapter)) in _adapters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            yield return ($"{name}.lora_down", adapter.Down);
            yield return ($"{name}.lora_up", adapter.Up);
        }
    }

    public bool IsAttached { get; private set; }

    /// <summary>Adds the adapters to their projections (applied on the fly).</summary>
    public void Attach()
    {
        if (IsAttached) return;
        foreach (var (target, adapter) in _adapters.Values) target.Adapters.Add(adapter);
        IsAttached = true;
    }

    /// <summary>Removes the adapters (unmerging them first if merged).</summary>
    public void Detach()
    {
        if (!IsAttached) return;
        Unmerge();
        foreach (var (target, adapter) in _adapters.Values) target.Adapters.Remove(adapter);
        IsAttached = false;
    }

    /// <summary>Folds every adapter into its weight (faster inference); the attached adapters then stop running on the fly.</summary>
    public void Merge()
    {
        Attach();
        foreach (var (target, adapter) in _adapters.Values) adapter.Merge(target.Linear);
    }

    public void Unmerge()
    {
        foreach (var (target, adapter) in _adapters.Values) adapter.Unmerge(target.Linear);
    }

    /// <summary>The adapters in kohya naming (see <see cref="KohyaLoraKeys"/>), CPU float32.</summary>
    public Dictionary<string, Tensor> ToKohya()
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, (_, adapter)) in _adapters)
        {
            var module = KohyaLoraKeys.ModuleName(name);
            tensors[module + KohyaLoraKeys.DownSuffix] = adapter.Down.detach().cpu().to(ScalarType.Float32);
            tensors[module + KohyaLoraKeys.UpSuffix] = adapter.Up.detach().cpu().to(ScalarType.Float32);
            tensors[module + KohyaLoraKeys.AlphaSuffix] = tensor((float)adapter.Alpha);
        }
        return tensors;
    }

    /// <summary>
    /// Builds adapters from kohya-named tensors for <paramref name="targets"/> (keys without the kohya prefixes are
    /// ignored; a missing alpha means alpha = rank). A LoRA key naming no target, or a shape that does not fit, is a
    /// <see cref="CheckpointException"/> naming <paramref name="source"/>.
    /// </summary>
    public static LoraSet FromKohya(IReadOnlyDictionary<string, Tensor> tensors, IEnumerable<LoraTarget> targets, string source)
    {
        var byModule = targets.ToDictionary(t => KohyaLoraKeys.ModuleName(t.Name));
        var modules = tensors.Keys.Select(KohyaLoraKeys.ModuleOf).OfType<string>().Distinct().ToList();
        var adapters = new Dictionary<string, (LoraTarget, LoraAdapter)>();
        foreach (var module in modules)
        {
            if (!byModule.TryGetValue(module, out var target))
                throw new CheckpointException($"{source}: LoRA module {module} has no matching layer in this model (another model layout?)");
            if (!tensors.TryGetValue(module + KohyaLoraKeys.DownSuffix, out var down) || !tensors.TryGetValue(module + KohyaLoraKeys.UpSuffix, out var up))
                throw new CheckpointException($"{source}: LoRA module {module} lacks its lora_down or lora_up weight");
            if (down.dim() != 2 || up.dim() != 2 || down.shape[1] != target.InFeatures || up.shape[0] != target.OutFeatures || up.shape[1] != down.shape[0])
                throw new CheckpointException(
                    $"{source}: LoRA {module} is down [{string.Join(", ", down.shape)}] / up [{string.Join(", ", up.shape)}], " +
                    $"but the layer is [{target.OutFeatures}, {target.InFeatures}] (a LoRA for another model?)");
            double alpha = tensors.TryGetValue(module + KohyaLoraKeys.AlphaSuffix, out var a) ? a.to(ScalarType.Float64).item<double>() : down.shape[0];
            var adapter = new LoraAdapter(down.to(ScalarType.Float32), up.to(ScalarType.Float32), alpha);
            MoveTo(adapter, target);
            adapters[target.Name] = (target, adapter);
        }
        return new LoraSet(adapters);
    }

    public static void SaveKohya(string path, LoraSet set) => StateDict.Write(path, set.ToKohya());

    public static LoraSet LoadKohya(string path, IEnumerable<LoraTarget> targets)
    {
        var tensors = StateDict.Read(path);
        try { return FromKohya(tensors, targets, path); }
        finally { foreach (var t in tensors.Values) t.Dispose(); }
    }

    private static void MoveTo(LoraAdapter adapter, LoraTarget target)
    {
        var device = target.Linear.weight!.device;
        if (adapter.Down.device != device)
        {
            using var noGrad = no_grad();
            adapter.Down.set_(adapter.Down.to(device));
            adapter.Up.set_(adapter.Up.to(device));
        }
    }

    public void Dispose()
    {
        Detach();
        foreach (var (_, adapter) in _adapters.Values) adapter.Dispose();
    }
}
