using DreamTuner.Engine.Nn;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>A UNet decoder stage: each resnet consumes one skip state (latest first), then optionally upsamples.</summary>
public abstract class UNetUpBlock(string name) : nn.Module(name)
{
    /// <summary>How many skip states the block consumes.</summary>
    public abstract int ResnetCount { get; }

    /// <param name="resHiddenStates">Exactly <see cref="ResnetCount"/> skip states in the order the down path made them.</param>
    /// <param name="upsampleSize">[H, W] of the next skip state when it is not twice the current size.</param>
    public abstract Tensor Forward(Tensor hiddenStates, IReadOnlyList<Tensor> resHiddenStates, Tensor temb,
        Tensor? encoderHiddenStates, long[]? upsampleSize, AttentionContext? context);
}
