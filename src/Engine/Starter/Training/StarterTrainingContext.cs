using DreamTuner.Engine.Text;
using DreamTuner.Engine.Training;

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
}
