using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Unet;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>Remembers a UNet's attention processors and puts them back on dispose (the model is shared by jobs).</summary>
internal sealed class ProcessorRestore(UNet2DConditionModel unet) : IDisposable
{
    private readonly List<(Attention Layer, IAttentionProcessor Processor)> _saved =
        unet.AttentionModules.Select(m => (m.Module, m.Module.Processor)).ToList();

    public void Dispose()
    {
        foreach (var (layer, processor) in _saved)
            layer.Processor = processor;
    }
}
