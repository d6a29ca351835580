using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>The body of the CLIP text encoder, stored under <c>text_model.</c> (transformers <c>CLIPTextTransformer</c>).</summary>
public sealed class ClipTextTransformer : nn.Module<Tensor, ClipTextOutput>
{
    [ComponentName(Name = "embeddings")] private readonly ClipTextEmbeddings _embeddings;
    [ComponentName(Name = "encoder")] private readonly ClipEncoder _encoder;
    [ComponentName(Name = "final_layer_norm")] private readonly LayerNorm _finalLayerNorm;

    public ClipTextTransformer(ClipTextConfig config) : base(nameof(ClipTextTransformer))
    {
        _embeddings = new ClipTextEmbeddings(config);
        _encoder = new ClipEncoder(config, causal: true);
        _finalLayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        RegisterComponents();
    }

    public ClipTextEmbeddings Embeddings => _embeddings;

    public LayerNorm FinalLayerNorm => _finalLayerNorm;

    /// <summary>Pooling position per prompt: set it to pool at the first eos; null pools at the largest id.</summary>
    public int? EosTokenId { get; set; }

    public override ClipTextOutput forward(Tensor inputIds)
    {
        var hiddenStates = _encoder.forward(_embeddings.forward(inputIds));
        var last = _finalLayerNorm.forward(hiddenStates[^1]);
        return new ClipTextOutput(last, Pool(last, inputIds), hiddenStates);
    }

    private Tensor Pool(Tensor last, Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        // transformers pools at argmax(ids) for legacy configs (eos = the largest id of the original vocabulary) and
        // at the first eos otherwise; argmax returns the first maximum, which makes the latter a first-match search.
        var position = EosTokenId is { } eos ? inputIds.eq(eos).to(int32).argmax(-1) : inputIds.argmax(-1);
        var index = position.view(-1, 1, 1).expand(-1, 1, last.shape[^1]);
        return last.gather(1, index).squeeze(1).MoveToOuterDisposeScope();
    }
}
