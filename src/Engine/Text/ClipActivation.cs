using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>The <c>hidden_act</c> values CLIP towers use, by their transformers names.</summary>
public static class ClipActivation
{
    public static IReadOnlyList<string> Names { get; } = ["quick_gelu", "gelu"];

    public static bool IsKnown(string name) => Names.Contains(name);

    public static Func<Tensor, Tensor> Create(string name) => name switch
    {
        // OpenAI's approximation, which SD 1.x's ViT-L/14 was trained with: x * sigmoid(1.702 x).
        "quick_gelu" => x => x * nn.functional.sigmoid(x * 1.702),
        "gelu" => x => nn.functional.gelu(x),
        _ => throw new ArgumentException($"hidden_act \"{name}\" does not exist (use one of {string.Join(", ", Names)})", nameof(name)),
    };
}
