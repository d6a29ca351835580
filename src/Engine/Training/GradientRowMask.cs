using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// Keeps the gradient of an embedding table only on chosen rows (textual inversion: the learned [S*] token trains,
/// the rest of the vocabulary does not move, not even through weight decay's gradient-free path — use it with
/// weight_decay 0 on that parameter group).
/// </summary>
public sealed class GradientRowMask(Tensor weight, IReadOnlyCollection<long> rows)
{
    private readonly Tensor _mask = BuildMask(weight, rows);

    public void Apply()
    {
        if (weight.grad is { } grad)
            grad.mul_(_mask);
    }

    private static Tensor BuildMask(Tensor weight, IReadOnlyCollection<long> rows)
    {
        var mask = zeros([weight.shape[0], 1], dtype: weight.dtype, device: weight.device);
        foreach (var row in rows)
            mask[row] = ones(1, dtype: weight.dtype);
        return mask.DetachFromDisposeScope();
    }
}
