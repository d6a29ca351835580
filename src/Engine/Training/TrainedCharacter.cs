using DreamTuner.Engine.Lora;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// What fine-tuning produced, still applied to the model it ran on: the [S*] token and its embedding row, the LoRA
/// adapters (LoRA mode) or the changed weights as deltas trained − base (full mode: <c>unet.*</c>,
/// <c>text_encoder.*</c>), and the subject-encoder ResBlock deltas (<c>subject_encoder.*</c>) when one was loaded.
/// </summary>
public sealed class TrainedCharacter : IDisposable
{
    public required string Token { get; init; }
    public required int TokenId { get; init; }
    public required string ClassWord { get; init; }
    public required string Caption { get; init; }
    public required Tensor TokenEmbedding { get; init; }
    public required SubjectFineTuneOptions Options { get; init; }
    public LoraSet? Lora { get; init; }
    public required IReadOnlyDictionary<string, Tensor> Deltas { get; init; }
    public required IReadOnlyList<double> Losses { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    public void Dispose()
    {
        Lora?.Dispose();
        TokenEmbedding.Dispose();
        foreach (var t in Deltas.Values) t.Dispose();
    }
}
