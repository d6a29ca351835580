using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// Gradient checkpointing, which TorchSharp lacks: a segment's activations are not kept for backward but recomputed
/// then, trading one more forward pass of the segment for its activation memory. Tensors the segment needs gradients
/// for must be passed as <paramref name="inputs"/> (parameters used inside get theirs anyway); anything captured
/// otherwise is treated as a constant. Outside gradient mode the segment simply runs.
/// </summary>
public static class GradientCheckpoint
{
    public static Tensor Run(Func<Tensor[], Tensor> segment, params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (!is_grad_enabled()) return segment(inputs);
        return CheckpointFunction.apply([segment, .. inputs])[0];
    }
}
