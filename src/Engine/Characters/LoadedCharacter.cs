using DreamTuner.Engine.Lora;
using DreamTuner.Engine.Pipelines;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Characters;

/// <summary>
/// A character package applied to a model: its token (usable in prompts, or as [S*] via <see cref="SubjectPrompt"/>),
/// its LoRA adapters attached on the fly, or its deltas added to the weights. Disposing detaches the adapters and
/// subtracts the deltas; the token stays in the tokenizer (ids cannot be taken back) with its trained row.
/// </summary>
public sealed class LoadedCharacter : IDisposable
{
    private readonly StableDiffusionModel _model;
    private readonly IReadOnlyList<(Tensor Target, Tensor Delta)> _deltas;
    private bool _disposed;

    internal LoadedCharacter(StableDiffusionModel model, CharacterManifest manifest, int tokenId, LoraSet? lora,
        IReadOnlyList<(Tensor Target, Tensor Delta)> deltas)
    {
        _model = model;
        Manifest = manifest;
        TokenId = tokenId;
        Lora = lora;
        _deltas = deltas;
    }

    public CharacterManifest Manifest { get; }
    public string Token => Manifest.Token;
    public int TokenId { get; }
    public LoraSet? Lora { get; }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Lora?.Dispose();
        foreach (var (target, delta) in _deltas)
        {
            CharacterPackage.AddDelta(target, delta, -1);
            delta.Dispose();
        }
    }
}
