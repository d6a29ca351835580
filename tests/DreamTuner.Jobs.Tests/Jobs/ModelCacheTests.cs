using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Runtime;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>Models load once and stay while they fit; the least recently used one goes when the budget is exceeded.</summary>
public sealed class ModelCacheTests
{
    [Fact]
    public void Models_are_loaded_once_and_the_least_recently_used_is_evicted_over_budget()
    {
        // Every model "weighs" 100 bytes, and two do not fit in 150: the cache holds one model at a time here.
        var path = Path.Combine(TinyModel.ModelsRoot, TinyModel.ModelId);
        using var cache = new ModelCache(DeviceSpec.Cpu, budgetBytes: 150, loader: (p, d) => ModelLoader.Load(path, d), sizeOf: _ => 100);

        var a = cache.Get("a");
        Assert.Same(a, cache.Get("a"));
        Assert.Equal(1, cache.Loads);

        cache.Get("b");
        Assert.Equal(["b"], cache.CachedPaths);
        cache.Get("a");
        Assert.Equal(3, cache.Loads);
    }

    [Fact]
    public void Models_within_budget_stay_and_order_follows_use()
    {
        var path = Path.Combine(TinyModel.ModelsRoot, TinyModel.ModelId);
        using var cache = new ModelCache(DeviceSpec.Cpu, budgetBytes: 250, loader: (p, d) => ModelLoader.Load(path, d), sizeOf: _ => 100);
        cache.Get("a");
        cache.Get("b");
        cache.Get("a");
        cache.Get("c");
        // b was used least recently, so it made room for c.
        Assert.Equal(["c", "a"], cache.CachedPaths);
        Assert.Equal(3, cache.Loads);
    }

    [Fact]
    public void The_approximate_size_is_the_parameter_bytes()
    {
        using var model = ModelLoader.Load(Path.Combine(TinyModel.ModelsRoot, TinyModel.ModelId), DeviceSpec.Cpu);
        long expected = model.Unet.parameters().Concat(model.Vae.parameters()).Concat(model.TextEncoder.parameters()).Sum(p => p.numel() * 4);
        Assert.Equal(expected, ModelCache.ApproximateBytes(model));
    }
}
