using DreamTuner.Engine.Checkpoints;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>
/// The CLIP text encoder of Stable Diffusion 1.x (transformers <c>CLIPTextModel</c>); its state-dict keys are the
/// checkpoint's keys, so a diffusers <c>text_encoder/</c> folder loads by name.
/// </summary>
public sealed class ClipTextModel : nn.Module<Tensor, ClipTextOutput>
{
    /// <summary>A buffer older transformers versions saved; it only holds 0..76, which the model computes itself.</summary>
    public const string PositionIdsKey = "text_model.embeddings.position_ids";

    /// <summary>The legacy eos id (SD 1.5's config.json) for which transformers pools at argmax(ids).</summary>
    private const int LegacyEosTokenId = 2;

    [ComponentName(Name = "text_model")] private readonly ClipTextTransformer _textModel;

    public ClipTextModel(ClipTextConfig config) : base(nameof(ClipTextModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();
        _textModel = new ClipTextTransformer(config)
        {
            EosTokenId = config.EosTokenId == LegacyEosTokenId ? null : config.EosTokenId,
        };
        RegisterComponents();
    }

    public ClipTextConfig Config { get; private set; }

    /// <summary>
    /// Where <see cref="ClipTextOutput.PooledOutput"/> is taken: the first position holding this id, or (null) the
    /// largest id as transformers does for SD 1.5's legacy config. Set it to the tokenizer's eos id once tokens
    /// beyond eos have been added, because then the largest id is no longer eos.
    /// </summary>
    public int? EosTokenId
    {
        get => _textModel.EosTokenId;
        set => _textModel.EosTokenId = value;
    }

    public int VocabSize => (int)_textModel.Embeddings.TokenEmbedding.weight!.shape[0];

    /// <summary>
    /// Pairs the encoder with the tokenizer whose ids it will read: pooling looks for the tokenizer's end token, and
    /// every padded prompt needs a row of the position table, so a tokenizer_config.json longer than
    /// max_position_embeddings is refused here, naming both, instead of failing inside the first generation.
    /// </summary>
    public void PairWith(ClipTokenizer tokenizer, string source)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.MaxLength > Config.MaxPositionEmbeddings)
            throw new Checkpoints.CheckpointException($"{source}: the tokenizer pads prompts to {tokenizer.MaxLength} ids " +
                $"({ClipTokenizer.ConfigFileName} {ClipTokenizerConfig.MaxLengthKey}), but the text encoder has only " +
                $"{Config.MaxPositionEmbeddings} positions (max_position_embeddings)");
        EosTokenId = tokenizer.EosId;
    }

    /// <summary>Runs the encoder on [batch, ≤ max_position_embeddings] int64 ids (no padding mask, as SD does).</summary>
    public override ClipTextOutput forward(Tensor inputIds) => _textModel.forward(inputIds);

    /// <summary>
    /// The UNet conditioning for the ids: the last hidden state, or with <paramref name="clipSkip"/> = k &gt; 0 the
    /// output k layers earlier passed through the final layer norm (diffusers' <c>clip_skip</c>).
    /// </summary>
    public Tensor EncodePrompt(Tensor inputIds, int clipSkip = 0)
    {
        if (clipSkip < 0 || clipSkip >= Config.NumHiddenLayers)
            throw new ArgumentOutOfRangeException(nameof(clipSkip), clipSkip,
                $"clip_skip must be in 0..{Config.NumHiddenLayers - 1}");
        using var scope = NewDisposeScope();
        var output = forward(inputIds);
        var conditioning = clipSkip == 0
            ? output.LastHiddenState
            : _textModel.FinalLayerNorm.forward(output.HiddenStates[^(clipSkip + 1)]);
        return conditioning.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Grows the token embedding to <paramref name="newVocabSize"/> rows (for tokens added to the tokenizer),
    /// keeping the existing rows; new rows start at the mean embedding.
    /// </summary>
    public void ResizeTokenEmbeddings(int newVocabSize)
    {
        _textModel.Embeddings.ResizeTokenEmbeddings(newVocabSize);
        Config = Config with { VocabSize = newVocabSize };
    }

    /// <summary>
    /// Reads a diffusers <c>text_encoder/</c> folder: config.json and model.safetensors (or the folder's only
    /// .safetensors file). Weights stored in fp16 are loaded into <paramref name="dtype"/>.
    /// </summary>
    public static ClipTextModel FromFolder(string textEncoderDir, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        var config = ClipTextConfig.FromFile(Path.Combine(textEncoderDir, ClipTextConfig.FileName));
        var weightsPath = TransformersFolder.FindWeights(textEncoderDir);
        var model = new ClipTextModel(config);
        var weights = StateDict.Read(weightsPath);
        try
        {
            StateDict.Load(model, WithoutPositionIds(weights), weightsPath);
        }
        finally
        {
            foreach (var tensor in weights.Values)
                tensor.Dispose();
        }
        model.to(dtype);
        if (device != null)
            model.to(device);
        model.eval();
        return model;
    }

    /// <summary>Drops <see cref="PositionIdsKey"/>: older checkpoints carry it, newer ones (and ours) do not.</summary>
    public static IReadOnlyDictionary<string, Tensor> WithoutPositionIds(IReadOnlyDictionary<string, Tensor> weights) =>
        weights.ContainsKey(PositionIdsKey)
            ? weights.Where(kv => kv.Key != PositionIdsKey).ToDictionary(kv => kv.Key, kv => kv.Value)
            : weights;
}
