using DreamTuner.Engine.Text;
using DreamTuner.Engine.Training;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>What every stage shares: shapes, the model folder it reads earlier stages from, data, tokenizer and loss.</summary>
public sealed record StarterTrainingContext(
    StarterArchitecture Architecture,
    string OutDir,
    string? WorkDir,
    long Seed,
    StarterBatches Batches,
    ClipTokenizer Tokenizer,
    DiffusionLoss DiffusionLoss)
{
    /// <summary>
    /// How much more a latent position covered by the sprite counts than background in the diffusion stages' loss
    /// (1: a plain mean). The sprite is a tenth of the image, so under a plain mean the loss is mostly scenery.
    /// </summary>
    public double SubjectLossWeight { get; init; } = 1;

    /// <summary>
    /// How much more a pixel of the sprite counts than a background pixel in the VAE's reconstruction loss (1: a plain
    /// mean). The sprite's small parts (pattern, accessory, emblem) are a few pixels each; under a plain mean the VAE
    /// spends its 16x16x4 latent on scenery and their colours come back wrong.
    /// </summary>
    public double VaeSubjectWeight { get; init; } = 1;

    /// <summary>The text+unet stage's step from which the text encoder is frozen (its plan entry's; null: never).</summary>
    public int? FreezeTextEncoderFrom { get; init; }

    /// <summary>Learning rate of the text+unet stage.</summary>
    public double TextUnetLearningRate { get; init; } = TextUnetStageBuilder.LearningRate;

    /// <summary>Share of captions replaced by the empty caption, so the model also learns the unconditional prediction CFG needs.</summary>
    public const double CaptionDropout = 0.1;

    /// <summary>Where the diffusion stages keep their shared latent pool (null: not kept).</summary>
    public string? LatentPoolPath => WorkDir is null ? null : Path.Combine(WorkDir, StarterLatentPool.FileName);

    /// <summary>The text encoder config with the starter vocabulary's size and special-token ids.</summary>
    public ClipTextConfig TextConfig(ClipTextConfig shape) => shape with
    {
        VocabSize = Tokenizer.VocabSize,
        BosTokenId = Tokenizer.BosId,
        EosTokenId = Tokenizer.EosId,
        PadTokenId = Tokenizer.EosId,
    };

    /// <summary>
    /// Per-position weights <c>[n, 1, h, w]</c> of the diffusion loss for the given training examples: 1 on
    /// background, <see cref="SubjectLossWeight"/> where any pixel of the latent cell is sprite. Null when the weight
    /// is 1 (the plain mean, without rendering masks).
    /// </summary>
    public Tensor? SubjectWeights(IReadOnlyList<long> indices, long latentSize)
    {
        if (SubjectLossWeight == 1) return null;
        using var masks = Batches.Masks(indices);
        var cell = Batches.ImageSize / latentSize;
        using var covered = nn.functional.max_pool2d(masks, cell, cell);
        return covered * (SubjectLossWeight - 1) + 1;
    }

    /// <summary>
    /// Per-pixel weights <c>[n, 1, H, W]</c> of the VAE's reconstruction loss: 1 on background,
    /// <see cref="VaeSubjectWeight"/> on the sprite. Null when the weight is 1.
    /// </summary>
    public Tensor? SubjectPixelWeights(IReadOnlyList<long> indices)
    {
        if (VaeSubjectWeight == 1) return null;
        using var masks = Batches.Masks(indices);
        return masks * (VaeSubjectWeight - 1) + 1;
    }

    /// <summary>The trained VAE from the model folder; when probing step times, a random one of the same shape.</summary>
    public AutoencoderKL LoadVae(bool probe) =>
        probe ? new AutoencoderKL(Architecture.Vae) : AutoencoderKL.FromFolder(Path.Combine(OutDir, "vae"));

    /// <summary>The trained VAE, text encoder and UNet the add-on stages build on (random stand-ins when probing).</summary>
    public (AutoencoderKL Vae, ClipTextModel Text, UNet2DConditionModel Unet) LoadDiffusion(bool probe)
    {
        var textConfig = TextConfig(Architecture.TextEncoder);
        var text = probe ? new ClipTextModel(textConfig) : ClipTextModel.FromFolder(Path.Combine(OutDir, "text_encoder"));
        text.PairWith(Tokenizer, OutDir);
        var unet = probe
            ? new UNet2DConditionModel(Architecture.Unet with { CrossAttentionDim = textConfig.HiddenSize })
            : UNet2DConditionModel.FromFolder(Path.Combine(OutDir, "unet"));
        return (LoadVae(probe), text, unet);
    }
}
