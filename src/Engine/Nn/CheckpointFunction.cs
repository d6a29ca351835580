using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// The autograd node behind <see cref="GradientCheckpoint"/> (PyTorch's reentrant <c>torch.utils.checkpoint</c>):
/// forward runs the segment without recording a graph and keeps only its inputs; backward runs the segment again
/// with gradients on detached copies of the inputs and back-propagates through that fresh graph, which also
/// accumulates the gradients of parameters used inside the segment.
/// </summary>
public sealed class CheckpointFunction : MultiTensorFunction<CheckpointFunction>
{
    private const string SegmentKey = "segment";
    private const string RequiresGradKey = "requires_grad";

    public override string Name => "GradientCheckpoint";

    /// <summary><paramref name="vars"/>: the segment (<c>Func&lt;Tensor[], Tensor&gt;</c>), then its tensor inputs.</summary>
    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var segment = (Func<Tensor[], Tensor>)vars[0];
        var inputs = vars.Skip(1).Cast<Tensor>().ToArray();
        ctx.save_for_backward([.. inputs]);
        ctx.save_data(SegmentKey, segment);
        ctx.save_data(RequiresGradKey, inputs.Select(t => t.requires_grad).ToArray());
        return [segment(inputs)];
    }

    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var segment = (Func<Tensor[], Tensor>)ctx.get_data(SegmentKey);
        var requiresGrad = (bool[])ctx.get_data(RequiresGradKey);
        var inputs = ctx.get_saved_variables().Select((t, i) => t.detach().requires_grad_(requiresGrad[i])).ToArray();
        using (var grad = enable_grad())
        {
            var output = segment(inputs);
            autograd.backward([output], [grad_outputs[0]]);
        }
        // One entry per forward argument: none for the segment delegate, then each input's gradient.
        return [null!, .. inputs.Select(t => t.requires_grad ? t.grad! : null!)];
    }
}
