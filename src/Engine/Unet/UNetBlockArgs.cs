namespace DreamTuner.Engine.Unet;

/// <summary>
/// The resolved settings of one UNet block (diffusers' <c>get_down_block</c>/<c>get_up_block</c> arguments).
/// <see cref="NumHeads"/> is the head count: SD 1.x configs call it <c>attention_head_dim</c>.
/// </summary>
public sealed record UNetBlockArgs
{
    public required int InChannels { get; init; }
    public required int OutChannels { get; init; }
    /// <summary>Up blocks only: channels coming from the previous (deeper) up block.</summary>
    public int PrevOutputChannels { get; init; }
    public required int TembChannels { get; init; }
    public required int NumLayers { get; init; }
    public int TransformerLayers { get; init; } = 1;
    public int NumHeads { get; init; } = 1;
    public int CrossAttentionDim { get; init; }
    public required int Groups { get; init; }
    public required double Eps { get; init; }
    /// <summary>Down blocks: add a downsampler; up blocks: add an upsampler.</summary>
    public bool AddSampler { get; init; }
    public int DownsamplePadding { get; init; } = 1;
    public double OutputScaleFactor { get; init; } = 1.0;
    public bool UseLinearProjection { get; init; }
    public bool OnlyCrossAttention { get; init; }
    public bool UpcastAttention { get; init; }
}
