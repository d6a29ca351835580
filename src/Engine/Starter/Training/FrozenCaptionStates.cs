using DreamTuner.Engine.Text;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// The text+unet stage's caption states once its text encoder stops learning: the encoder's output for the captions
/// of latent-pool examples 0..N-1 and for the empty caption, computed once. A step then looks its batch up instead of
/// running the encoder forward and backward (about 50 of the 270 ms of a full-scale step), so the UNet gets more steps
/// in the same minutes.
/// </summary>
public sealed class FrozenCaptionStates(ClipTextModel text, ClipTokenizer tokenizer, StarterBatches batches, int count) : IDisposable
{
    private const int EncodeChunk = 64;

    /// <summary>[N + 1, tokens, hidden]: the pool's captions, then the empty caption; null until <see cref="Freeze"/>.</summary>
    private Tensor? _states;

    public bool IsFrozen => _states is not null;

    /// <summary>
    /// Stops the text encoder learning and encodes the captions of training examples 0..N-1 (the latent pool's) and
    /// the empty caption with it.
    /// </summary>
    public void Freeze()
    {
        if (_states is not null) return;
        foreach (var p in text.parameters())
        {
            p.requires_grad = false;
            // The optimiser zeroes gradients instead of dropping them, and AdamW moves a parameter whose gradient is
            // zero (momentum, weight decay) but skips one without a gradient: the cached states must stay the encoder's.
            p.grad = null;
        }
        var captions = batches.Captions(Enumerable.Range(0, count).Select(i => (long)i).ToList()).Append("").ToList();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var chunks = new List<Tensor>();
        for (var start = 0; start < captions.Count; start += EncodeChunk)
        {
            var chunk = captions.GetRange(start, Math.Min(EncodeChunk, captions.Count - start));
            chunks.Add(text.EncodePrompt(tensor(tokenizer.EncodeBatch(chunk))));
        }
        _states = cat(chunks, 0).DetachFromDisposeScope();
    }

    /// <summary>States <c>[B, tokens, hidden]</c> of pool examples <paramref name="indices"/>, the empty caption's where <paramref name="dropped"/>.</summary>
    public Tensor Lookup(IReadOnlyList<long> indices, IReadOnlyList<bool> dropped)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(dropped);
        var states = _states ?? throw new InvalidOperationException("the caption states are cached by Freeze");
        if (indices.Count != dropped.Count)
            throw new ArgumentException($"{indices.Count} indices but {dropped.Count} dropout draws", nameof(dropped));
        var rows = new long[indices.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= count)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i], $"only pool examples 0..{count - 1} have cached captions");
            rows[i] = dropped[i] ? count : indices[i];
        }
        using var index = tensor(rows);
        return states.index_select(0, index);
    }

    public void Dispose() => _states?.Dispose();
}
