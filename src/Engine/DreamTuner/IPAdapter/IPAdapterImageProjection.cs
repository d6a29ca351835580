using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner.IPAdapter;

/// <summary>
/// IP-Adapter's <c>ImageProjModel</c>: the CLIP image embedding (the projected pooled token) mapped by
/// <c>proj</c> to <see cref="Tokens"/> tokens of the UNet's cross-attention width, each layer-normed by <c>norm</c>.
/// Keys (under <c>image_proj.</c> in the file): <c>proj.weight</c>, <c>proj.bias</c>, <c>norm.weight</c>, <c>norm.bias</c>.
/// </summary>
public sealed class IPAdapterImageProjection : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "proj")] private readonly Linear _proj;
    [ComponentName(Name = "norm")] private readonly LayerNorm _norm;

    public IPAdapterImageProjection(int clipEmbeddingDim, int crossAttentionDim, int tokens) : base(nameof(IPAdapterImageProjection))
    {
        Tokens = tokens;
        CrossAttentionDim = crossAttentionDim;
        _proj = nn.Linear(clipEmbeddingDim, (long)tokens * crossAttentionDim);
        _norm = nn.LayerNorm(crossAttentionDim);
        RegisterComponents();
    }

    public int Tokens { get; }
    public int CrossAttentionDim { get; }

    /// <param name="imageEmbeds">[B, clip_embedding_dim].</param>
    /// <returns>[B, tokens, cross_attention_dim].</returns>
    public override Tensor forward(Tensor imageEmbeds)
    {
        using var scope = NewDisposeScope();
        var x = _proj.forward(imageEmbeds.to(_proj.weight!.dtype)).reshape(-1, Tokens, CrossAttentionDim);
        return _norm.forward(x).MoveToOuterDisposeScope();
    }
}
