using DreamTuner.Engine.Nn;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>A UNet encoder stage; its skip states feed the matching up block (and ControlNet's zero convs).</summary>
public abstract class UNetDownBlock(string name) : nn.Module(name)
{
    /// <returns>The stage output and its skip states: one per resnet, then the downsampler's output if any.</returns>
    public abstract (Tensor Hidden, IReadOnlyList<Tensor> States) Forward(Tensor hiddenStates, Tensor temb,
        Tensor? encoderHiddenStates, AttentionContext? context);
}
