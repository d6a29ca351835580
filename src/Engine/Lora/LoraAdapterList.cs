using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Lora;

/// <summary>
/// The adapters sitting on one projection, applied on the fly in order: <c>W x + Σ delta_i(x)</c>. Merged adapters are
/// already in W and are skipped. Empty, a projection is exactly the plain linear layer.
/// </summary>
public sealed class LoraAdapterList : List<LoraAdapter>
{
    public Tensor Call(Linear linear, Tensor x)
    {
        var y = linear.call(x);
        foreach (var adapter in this)
            if (!adapter.IsMerged)
                y = y + adapter.Delta(x);
        return y;
    }
}
