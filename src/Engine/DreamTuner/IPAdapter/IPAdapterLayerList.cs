using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner.IPAdapter;

/// <summary>
/// The <c>ip_adapter</c> container: children named by their diffusers processor id (1, 3, 5, ...), so keys read
/// <c>ip_adapter.1.to_k_ip.weight</c>. (TorchSharp's ModuleDict fails in <c>Module.to()</c>, hence this container.)
/// </summary>
public sealed class IPAdapterLayerList : nn.Module
{
    private readonly IPAdapterAttentionWeights[] _layers;

    public IPAdapterLayerList(int crossAttentionDim, IReadOnlyList<int> innerDims) : base(nameof(IPAdapterLayerList))
    {
        _layers = innerDims.Select(inner => new IPAdapterAttentionWeights(crossAttentionDim, inner)).ToArray();
        for (int i = 0; i < _layers.Length; i++)
            register_module((2 * i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i]);
    }

    public IReadOnlyList<IPAdapterAttentionWeights> Layers => _layers;
}
