using static TorchSharp.torch;

namespace DreamTuner.Engine.Vision;

/// <summary>
/// What the CLIP image encoder returns. <see cref="HiddenStates"/> holds the embeddings after <c>pre_layrnorm</c>
/// and then every layer's output (transformers' <c>hidden_states</c>); <see cref="LastHiddenState"/> is its last
/// entry; <see cref="PooledOutput"/> is the class token after <c>post_layernorm</c>; <see cref="ImageEmbeds"/> is
/// its <c>visual_projection</c>, null for a model without one.
/// </summary>
public sealed record ClipVisionOutput(
    Tensor LastHiddenState, Tensor PooledOutput, IReadOnlyList<Tensor> HiddenStates, Tensor? ImageEmbeds);
