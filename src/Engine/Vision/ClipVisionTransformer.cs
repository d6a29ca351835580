using DreamTuner.Engine.Text;
using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vision;

/// <summary>The body of the CLIP image encoder, stored under <c>vision_model.</c> (transformers <c>CLIPVisionTransformer</c>).</summary>
public sealed class ClipVisionTransformer : nn.Module<Tensor, ClipVisionOutput>
{
    [ComponentName(Name = "embeddings")] private readonly ClipVisionEmbeddings _embeddings;
    // The misspelling is transformers' own, and therefore every checkpoint's.
    [ComponentName(Name = "pre_layrnorm")] private readonly LayerNorm _preLayrnorm;
    [ComponentName(Name = "encoder")] private readonly ClipEncoder _encoder;
    [ComponentName(Name = "post_layernorm")] private readonly LayerNorm _postLayernorm;

    public ClipVisionTransformer(ClipVisionConfig config) : base(nameof(ClipVisionTransformer))
    {
        _embeddings = new ClipVisionEmbeddings(config);
        _preLayrnorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        _encoder = new ClipEncoder(config, causal: false);
        _postLayernorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        RegisterComponents();
    }

    public LayerNorm PostLayernorm => _postLayernorm;

    public override ClipVisionOutput forward(Tensor pixelValues)
    {
        var hiddenStates = _encoder.forward(_preLayrnorm.forward(_embeddings.forward(pixelValues)));
        // As in transformers, last_hidden_state skips post_layernorm; only the pooled class token goes through it.
        var last = hiddenStates[^1];
        var pooled = _postLayernorm.forward(last.select(1, 0));
        return new ClipVisionOutput(last, pooled, hiddenStates, ImageEmbeds: null);
    }
}
