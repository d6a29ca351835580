using DreamTuner.Engine.Text;
using DreamTuner.Engine.Training;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;

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

    /// <summary>The trained VAE from the model folder; when probing step times, a random one of the same shape.</summary>
    public AutoencoderKL LoadVae(bool probe) =>
        probe ? new AutoencoderKL(Architecture.Vae) : AutoencoderKL.FromFolder(Path.Combine(OutDir, "vae"));

    /// <summary>The trained VAE, text encoder and UNet the add-on stages build on (random stand-ins when probing).</summary>
    public (AutoencoderKL Vae, ClipTextModel Text, UNet2DConditionModel Unet) LoadDiffusion(bool probe)
    {
        var textConfig = TextConfig(Architecture.TextEncoder);
        var text = probe ? new ClipTextModel(textConfig) : ClipTextModel.FromFolder(Path.Combine(OutDir, "text_encoder"));
        text.EosTokenId = Tokenizer.EosId;
        var unet = probe
            ? new UNet2DConditionModel(Architecture.Unet with { CrossAttentionDim = textConfig.HiddenSize })
            : UNet2DConditionModel.FromFolder(Path.Combine(OutDir, "unet"));
        return (LoadVae(probe), text, unet);
    }
}
