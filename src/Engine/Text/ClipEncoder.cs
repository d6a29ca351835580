using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>
/// The stack of CLIP encoder layers. Returns the input followed by every layer's output (transformers'
/// <c>hidden_states</c>), because SD's <c>clip_skip</c> conditions on an earlier layer.
/// </summary>
public sealed class ClipEncoder : nn.Module<Tensor, IReadOnlyList<Tensor>>
{
    [ComponentName(Name = "layers")] private readonly ModuleList<ClipEncoderLayer> _layers;

    public ClipEncoder(IClipEncoderConfig config, bool causal) : base(nameof(ClipEncoder))
    {
        _layers = new ModuleList<ClipEncoderLayer>(
            Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new ClipEncoderLayer(config, causal)).ToArray());
        RegisterComponents();
    }

    public override IReadOnlyList<Tensor> forward(Tensor hidden)
    {
        var states = new List<Tensor>(_layers.Count + 1) { hidden };
        foreach (var layer in _layers)
            states.Add(layer.forward(states[^1]));
        return states;
    }
}
