using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Unet;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner.IPAdapter;

/// <summary>
/// The weights of IP-Adapter for SD 1.5 (<c>ip-adapter_sd15.safetensors</c>) in their file layout:
/// <c>image_proj.proj.weight/bias</c>, <c>image_proj.norm.weight/bias</c>, and for the k-th text cross-attention
/// layer in diffusers' <c>attn_processors</c> order <c>ip_adapter.{2k+1}.to_k_ip.weight</c> / <c>to_v_ip.weight</c>
/// (the even ids belong to the self-attention layers, which have no weights).
/// </summary>
public sealed class IPAdapterModel : nn.Module
{
    [ComponentName(Name = "image_proj")] private readonly IPAdapterImageProjection _imageProj;
    [ComponentName(Name = "ip_adapter")] private readonly IPAdapterLayerList _layers;

    public IPAdapterModel(int clipEmbeddingDim, int crossAttentionDim, int tokens, IReadOnlyList<int> innerDims) : base(nameof(IPAdapterModel))
    {
        _imageProj = new IPAdapterImageProjection(clipEmbeddingDim, crossAttentionDim, tokens);
        _layers = new IPAdapterLayerList(crossAttentionDim, innerDims);
        RegisterComponents();
    }

    public IPAdapterImageProjection ImageProjection => _imageProj;

    /// <summary>Per-layer weights in diffusers' cross-attention order.</summary>
    public IReadOnlyList<IPAdapterAttentionWeights> Layers => _layers.Layers;

    /// <summary>
    /// The text cross-attention layers (<c>attn2</c>) in diffusers' <c>attn_processors</c> order, which walks the
    /// UNet's children in registration order: <c>down_blocks</c>, <c>up_blocks</c>, then <c>mid_block</c>
    /// (diffusers assigns <c>up_blocks</c> before creating the mid block).
    /// </summary>
    public static IReadOnlyList<(string Name, Attention Layer)> CrossAttentionLayers(UNet2DConditionModel unet)
    {
        static int Rank(string name) => name.StartsWith("down_blocks.", StringComparison.Ordinal) ? 0
            : name.StartsWith("up_blocks.", StringComparison.Ordinal) ? 1 : 2;
        return unet.AttentionModules.Where(m => m.Name.EndsWith(".attn2", StringComparison.Ordinal))
            .Select((m, i) => (m, i)).OrderBy(x => Rank(x.m.Name)).ThenBy(x => x.i).Select(x => x.m).ToList();
    }

    /// <summary>A model with random weights shaped for <paramref name="unet"/> (tests, benchmarks).</summary>
    public static IPAdapterModel CreateFor(UNet2DConditionModel unet, int clipEmbeddingDim, int tokens = 4) =>
        new(clipEmbeddingDim, unet.Config.CrossAttentionDim.Values[0], tokens,
            CrossAttentionLayers(unet).Select(l => l.Layer.Heads * l.Layer.DimHead).ToList());

    /// <summary>Reads an IP-Adapter file for <paramref name="unet"/>; a file for another UNet is a one-line <see cref="CheckpointException"/>.</summary>
    public static IPAdapterModel FromFile(string path, UNet2DConditionModel unet)
    {
        var weights = StateDict.Read(path);
        try
        {
            if (!weights.TryGetValue("image_proj.proj.weight", out var proj) || !weights.TryGetValue("image_proj.norm.weight", out var norm))
                throw new CheckpointException($"{path} is not an IP-Adapter file (no image_proj.proj.weight / image_proj.norm.weight).");
            int crossDim = unet.Config.CrossAttentionDim.Values[0];
            if (norm.shape[0] != crossDim)
                throw new CheckpointException($"{path} was made for cross_attention_dim {norm.shape[0]}, this model has {crossDim}.");
            var layers = CrossAttentionLayers(unet);
            int fileLayers = weights.Keys.Count(k => k.StartsWith("ip_adapter.", StringComparison.Ordinal) && k.EndsWith(".to_k_ip.weight", StringComparison.Ordinal));
            if (fileLayers != layers.Count)
                throw new CheckpointException($"{path} has {fileLayers} cross-attention layers but this UNet has {layers.Count}.");
            var model = new IPAdapterModel((int)proj.shape[1], crossDim, (int)(proj.shape[0] / crossDim),
                layers.Select(l => l.Layer.Heads * l.Layer.DimHead).ToList());
            StateDict.Load(model, weights, path);
            var p = unet.parameters().First();
            model.to(p.dtype).to(p.device);
            return model;
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }
}
