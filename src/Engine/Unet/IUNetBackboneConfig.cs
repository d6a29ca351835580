namespace DreamTuner.Engine.Unet;

/// <summary>
/// The settings that define a UNet's time embedding, down blocks and mid block; shared by
/// <see cref="UNetConfig"/> and the ControlNet config so both build those parts with the same code.
/// </summary>
public interface IUNetBackboneConfig
{
    int InChannels { get; }
    bool FlipSinToCos { get; }
    int FreqShift { get; }
    IReadOnlyList<string> DownBlockTypes { get; }
    string? MidBlockType { get; }
    bool OnlyCrossAttention { get; }
    IReadOnlyList<int> BlockOutChannels { get; }
    IntOrList LayersPerBlock { get; }
    int DownsamplePadding { get; }
    double MidBlockScaleFactor { get; }
    string ActFn { get; }
    int NormNumGroups { get; }
    double NormEps { get; }
    IntOrList CrossAttentionDim { get; }
    IntOrList TransformerLayersPerBlock { get; }
    IntOrList AttentionHeadDim { get; }
    IntOrList? NumAttentionHeads { get; }
    bool UseLinearProjection { get; }
    bool UpcastAttention { get; }
    string ResnetTimeScaleShift { get; }
    int ConvInKernel { get; }
}
