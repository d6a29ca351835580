using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// The frozen VAE's posterior (mean and std) of the first <see cref="Count"/> training examples, computed once and
/// kept in the work folder. Encoding a batch costs about as much as a UNet training step on the CPU, so the diffusion
/// stages draw their examples from this pool and only sample the latent (mean + std · ε) per step. Both diffusion
/// stages share the file; it is rebuilt when missing (the same VAE gives the same numbers).
/// </summary>
public sealed class StarterLatentPool : IDisposable
{
    public const string FileName = "latent_pool.safetensors";
    private const int EncodeChunk = 32;

    private StarterLatentPool(Tensor mean, Tensor std)
    {
        Mean = mean;
        Std = std;
    }

    public Tensor Mean { get; }
    public Tensor Std { get; }
    public int Count => (int)Mean.shape[0];

    public static StarterLatentPool LoadOrBuild(string? path, AutoencoderKL vae, StarterBatches batches, int count)
    {
        if (path is not null && File.Exists(path))
        {
            var saved = StateDict.Read(path);
            if (saved["mean"].shape[0] == count)
                return new StarterLatentPool(saved["mean"], saved["std"]);
            foreach (var t in saved.Values) t.Dispose();
        }
        var pool = Build(vae, batches, count);
        if (path is not null)
            StateDict.Write(path, new Dictionary<string, Tensor> { ["mean"] = pool.Mean, ["std"] = pool.Std });
        return pool;
    }

    private static StarterLatentPool Build(AutoencoderKL vae, StarterBatches batches, int count)
    {
        var means = new List<Tensor>();
        var stds = new List<Tensor>();
        using var noGrad = no_grad();
        for (int start = 0; start < count; start += EncodeChunk)
        {
            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(start, Math.Min(EncodeChunk, count - start)).Select(i => (long)i).ToList();
            using var posterior = vae.Encode(batches.Render(indices).Images);
            means.Add(posterior.Mean.clone().DetachFromDisposeScope());
            stds.Add(posterior.Std.clone().DetachFromDisposeScope());
        }
        var pool = new StarterLatentPool(cat(means, 0), cat(stds, 0));
        foreach (var t in means.Concat(stds)) t.Dispose();
        return pool;
    }

    /// <summary>Pool indices of a batch, drawn from the step's generator.</summary>
    public long[] DrawIndices(int size, Generator generator) =>
        randint(0, Count, [size], dtype: ScalarType.Int64, generator: generator).data<long>().ToArray();

    /// <summary>Latents of the given examples sampled from their posteriors and scaled by the VAE's factor.</summary>
    public Tensor Latents(long[] indices, double scalingFactor, Generator generator)
    {
        var index = tensor(indices);
        var mean = Mean.index_select(0, index);
        var std = Std.index_select(0, index);
        return (mean + std * randn(mean.shape, generator: generator)) * scalingFactor;
    }

    public void Dispose()
    {
        Mean.Dispose();
        Std.Dispose();
    }
}
