using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Vision;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// A small CLIP (transformers <c>CLIPModel</c> key layout: <c>text_model.*</c>, <c>vision_model.*</c>,
/// <c>visual_projection</c>, <c>text_projection</c>, <c>logit_scale</c>) trained contrastively on the starter world.
/// Its embeddings give CLIP-I (image-image) and CLIP-T (image-text) style scores, and its vision tower is the
/// subject encoder's frozen image encoder (<see cref="ClipVisionModel.FromFolder"/> reads it from the same folder).
/// </summary>
public sealed class StarterClipModel : nn.Module
{
    public const string WeightsFileName = "model.safetensors";

    /// <summary>CLIP clamps the learned temperature so logits never exceed 100 (ln 100).</summary>
    private const double MaxLogitScale = 4.6052;

    private readonly ClipTextTransformer text_model;
    private readonly ClipVisionTransformer vision_model;
    private readonly Linear visual_projection;
    private readonly Linear text_projection;
    private readonly Parameter logit_scale;

    public StarterClipModel(StarterClipConfig config) : base(nameof(StarterClipModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        text_model = new ClipTextTransformer(config.TextConfig.Validate()) { EosTokenId = config.TextConfig.EosTokenId };
        vision_model = new ClipVisionTransformer(config.VisionConfig.Validate());
        visual_projection = nn.Linear(config.VisionConfig.HiddenSize, config.ProjectionDim, hasBias: false);
        text_projection = nn.Linear(config.TextConfig.HiddenSize, config.ProjectionDim, hasBias: false);
        logit_scale = new Parameter(tensor(config.LogitScaleInitValue, dtype: ScalarType.Float32));
        RegisterComponents();
    }

    public StarterClipConfig Config { get; }

    /// <summary>Unit-length image embeddings of normalised pixels (see <see cref="ClipImagePreprocessor"/>).</summary>
    public Tensor ImageEmbeds(Tensor pixelValues)
    {
        using var scope = NewDisposeScope();
        var pooled = vision_model.forward(pixelValues).PooledOutput;
        return nn.functional.normalize(visual_projection.forward(pooled), dim: -1).MoveToOuterDisposeScope();
    }

    /// <summary>Unit-length text embeddings of token ids [B, tokenizer length], pooled at the end token.</summary>
    public Tensor TextEmbeds(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var pooled = text_model.forward(inputIds).PooledOutput;
        return nn.functional.normalize(text_projection.forward(pooled), dim: -1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// CLIP's symmetric contrastive loss: the i-th image must pick the i-th caption among the batch's captions and
    /// vice versa, with logits = exp(logit_scale) · cosine similarity.
    /// </summary>
    public Tensor ContrastiveLoss(Tensor pixelValues, Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var image = ImageEmbeds(pixelValues);
        var text = TextEmbeds(inputIds);
        var logits = logit_scale.clamp(max: MaxLogitScale).exp() * image.matmul(text.t());
        var labels = arange(logits.shape[0], dtype: ScalarType.Int64);
        var loss = (nn.functional.cross_entropy(logits, labels) + nn.functional.cross_entropy(logits.t(), labels)) / 2;
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Drops the padding columns after the longest caption's end token. The text tower is causal and pools at the
    /// first end token, so nothing after it changes the embedding; short captions then cost a third of 77 tokens.
    /// </summary>
    public static Tensor TrimPadding(Tensor inputIds, int eosId)
    {
        using var scope = NewDisposeScope();
        var firstEos = inputIds.eq(eosId).to(ScalarType.Int32).argmax(-1).max().item<long>();
        return inputIds.narrow(1, 0, Math.Min(inputIds.shape[1], firstEos + 1)).contiguous().MoveToOuterDisposeScope();
    }

    public static StarterClipModel FromFolder(string dir)
    {
        var model = new StarterClipModel(StarterClipConfig.FromFile(Path.Combine(dir, StarterClipConfig.FileName)));
        StateDict.LoadFile(model, Path.Combine(dir, WeightsFileName));
        model.eval();
        return model;
    }
}
