using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>Puts an in-memory state dict into a freshly built module and readies it for inference.</summary>
public static class ModuleWeights
{
    public static T Apply<T>(T module, IReadOnlyDictionary<string, Tensor> weights, string source, Device device, ScalarType dtype)
        where T : nn.Module
    {
        module.to(dtype);
        StateDict.Load(module, weights, source);
        module.to(device);
        module.eval();
        return module;
    }
}
