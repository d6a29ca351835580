using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>
/// What the CLIP text encoder returns. <see cref="HiddenStates"/> holds the embeddings and then every layer's
/// output (transformers' <c>hidden_states</c>), none of them passed through the final layer norm.
/// </summary>
public sealed record ClipTextOutput(Tensor LastHiddenState, Tensor PooledOutput, IReadOnlyList<Tensor> HiddenStates)
{
    /// <summary>Output of the second-to-last layer (<c>hidden_states[-2]</c>), without the final layer norm.</summary>
    public Tensor PenultimateHiddenState => HiddenStates[^2];
}
