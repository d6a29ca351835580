namespace DreamTuner.Engine.Text;

/// <summary>
/// The settings the shared CLIP transformer layers need, so the text and the vision tower build the same
/// <see cref="ClipEncoder"/> from their own config records.
/// </summary>
public interface IClipEncoderConfig
{
    int HiddenSize { get; }
    int IntermediateSize { get; }
    int NumHiddenLayers { get; }
    int NumAttentionHeads { get; }
    string HiddenAct { get; }
    double LayerNormEps { get; }
}
