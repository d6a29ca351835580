using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Vision;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// The trainable head of DreamTuner's subject-encoder (paper section 3.1, Fig. 4): the frozen CLIP image encoder's
/// multi-layer token features, concatenated on the channel axis, mapped by ResBlocks to subject tokens
/// [batch, tokens, cross_attention_dim] for the UNet's subject-encoder attention. The CLIP model is passed in, not
/// owned, so it never enters this module's state dict or optimiser.
/// <para>
/// Layout, which the paper leaves open: <c>proj_in</c> (Linear, concatenated width to cross_attention_dim), then
/// <c>res_blocks.{i}</c> (<see cref="SubjectEncoderResBlock"/>), then <c>norm_out</c> (LayerNorm) and <c>proj_out</c>
/// (Linear). The final norm is there because pre-norm residual blocks leave the stream unnormalised, while the UNet's
/// to_k/to_v were trained on layer-normed text tokens. In a file every key carries <see cref="KeyPrefix"/>, e.g.
/// <c>subject_encoder.proj_in.weight</c>, <c>subject_encoder.res_blocks.0.fc1.weight</c>,
/// <c>subject_encoder.norm_out.bias</c>, <c>subject_encoder.proj_out.weight</c>.
/// </para>
/// </summary>
public sealed class SubjectEncoder : nn.Module<IReadOnlyList<Tensor>, Tensor>
{
    /// <summary>Prefix of this module's keys in the subject-encoder .safetensors file it shares with UNet layers.</summary>
    public const string KeyPrefix = "subject_encoder.";

    public const string WeightsFileName = "subject_encoder.safetensors";

    [ComponentName(Name = "proj_in")] private readonly Linear _projIn;
    [ComponentName(Name = "res_blocks")] private readonly ModuleList<SubjectEncoderResBlock> _resBlocks;
    [ComponentName(Name = "norm_out")] private readonly LayerNorm _normOut;
    [ComponentName(Name = "proj_out")] private readonly Linear _projOut;

    public SubjectEncoder(SubjectEncoderConfig config) : base(nameof(SubjectEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();
        var width = config.CrossAttentionDim;
        _projIn = nn.Linear(config.ConcatenatedSize, width);
        _resBlocks = new ModuleList<SubjectEncoderResBlock>(Enumerable.Range(0, config.NumResBlocks)
            .Select(_ => new SubjectEncoderResBlock(width, width * config.ResBlockExpansion, config.LayerNormEps))
            .ToArray());
        _normOut = nn.LayerNorm(width, config.LayerNormEps);
        _projOut = nn.Linear(width, width);
        RegisterComponents();
    }

    public SubjectEncoderConfig Config { get; }

    /// <summary>
    /// Subject tokens from a CLIP <c>hidden_states</c> list (<see cref="ClipVisionOutput.HiddenStates"/>), each
    /// [batch, tokens, clip_hidden_size].
    /// </summary>
    public override Tensor forward(IReadOnlyList<Tensor> hiddenStates)
    {
        ArgumentNullException.ThrowIfNull(hiddenStates);
        foreach (var index in Config.LayerIndices)
            if (index >= hiddenStates.Count)
                throw new ArgumentException(
                    $"subject encoder layer index {index} is out of range: hidden_states holds indices 0..{hiddenStates.Count - 1}",
                    nameof(hiddenStates));
        using var scope = NewDisposeScope();
        var weight = _projIn.weight!;
        var features = cat(Config.LayerIndices.Select(i => hiddenStates[i].to(weight.dtype)).ToArray(), -1);
        var tokens = _projIn.forward(features);
        foreach (var block in _resBlocks)
            tokens = block.forward(tokens);
        return _projOut.forward(_normOut.forward(tokens)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs the frozen <paramref name="clip"/> on pixel values (see <see cref="PrepareReference"/>) without gradients,
    /// then this head with them, so training updates only the ResBlocks.
    /// </summary>
    public Tensor Encode(ClipVisionModel clip, Tensor pixelValues)
    {
        ArgumentNullException.ThrowIfNull(clip);
        Config.ValidateAgainst(clip.Config);
        using var scope = NewDisposeScope();
        IReadOnlyList<Tensor> hiddenStates;
        using (no_grad())
            hiddenStates = clip.forward(pixelValues).HiddenStates;
        return forward(hiddenStates).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The reference image as CLIP sees it: the background (mask 0) replaced by white, as the paper does for
    /// fine-tuning, so only the subject reaches the encoder; then CLIP's resize, crop and normalisation.
    /// <paramref name="imageIn01"/> is [B, 3, H, W] in [0, 1]; <paramref name="mask"/> is [B, 1, H, W] in [0, 1]
    /// (1 = subject; soft edges blend into white).
    /// </summary>
    public static Tensor PrepareReference(Tensor imageIn01, Tensor mask, ClipImagePreprocessor preprocessor)
    {
        ArgumentNullException.ThrowIfNull(preprocessor);
        if (imageIn01.dim() != 4 || mask.dim() != 4 || mask.shape[1] != 1 || mask.shape[0] != imageIn01.shape[0]
            || mask.shape[2] != imageIn01.shape[2] || mask.shape[3] != imageIn01.shape[3])
            throw new ArgumentException(
                $"mask must be [B, 1, H, W] matching the image [{string.Join(", ", imageIn01.shape)}], " +
                $"got [{string.Join(", ", mask.shape)}]", nameof(mask));
        using var scope = NewDisposeScope();
        var alpha = mask.to(imageIn01.dtype).clamp(0, 1);
        var onWhite = imageIn01 * alpha + (1 - alpha);
        return preprocessor.Preprocess(onWhite).MoveToOuterDisposeScope();
    }

    /// <summary>This module's tensors under <see cref="KeyPrefix"/>, ready to be merged into the shared file.</summary>
    public Dictionary<string, Tensor> PrefixedStateDict() =>
        state_dict().ToDictionary(kv => KeyPrefix + kv.Key, kv => kv.Value);

    /// <summary>
    /// Loads the <see cref="KeyPrefix"/> entries of <paramref name="weights"/> (other entries belong to the UNet and
    /// are left alone); throws <see cref="CheckpointException"/> naming missing or unexpected subject-encoder keys.
    /// </summary>
    public void LoadPrefixed(IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var own = weights.Where(kv => kv.Key.StartsWith(KeyPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[KeyPrefix.Length..], kv => kv.Value);
        if (own.Count == 0)
            throw new CheckpointException($"{source} holds no subject encoder weights (no key starts with \"{KeyPrefix}\")");
        StateDict.Load(this, own, source);
    }

    /// <summary>Writes <see cref="SubjectEncoderConfig.FileName"/> and <see cref="WeightsFileName"/> into a folder.</summary>
    public void Save(string dir)
    {
        Directory.CreateDirectory(dir);
        Config.Save(Path.Combine(dir, SubjectEncoderConfig.FileName));
        using var scope = NewDisposeScope();
        StateDict.Write(Path.Combine(dir, WeightsFileName), PrefixedStateDict());
    }

    /// <summary>
    /// Reads a folder written by <see cref="Save"/>; the weights file may also hold the UNet's subject-encoder
    /// attention layers, which are ignored here.
    /// </summary>
    public static SubjectEncoder FromFolder(string dir, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        var config = SubjectEncoderConfig.FromFile(Path.Combine(dir, SubjectEncoderConfig.FileName));
        var path = Path.Combine(dir, WeightsFileName);
        var weights = StateDict.Read(path);
        try
        {
            var encoder = new SubjectEncoder(config);
            encoder.LoadPrefixed(weights, path);
            encoder.to(dtype);
            if (device != null)
                encoder.to(device);
            return encoder;
        }
        finally
        {
            foreach (var tensor in weights.Values)
                tensor.Dispose();
        }
    }
}
