using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;
using DreamTuner.Engine.Vision;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// The shapes and batch sizes of the starter model. Images are 64x64 and the VAE has three blocks (factor 4), so
/// latents are 16x16: the UNet and ControlNet, which dominate the cost, then run on a quarter of the positions that
/// 32x32 latents (two blocks, factor 2) would need, which is what makes a full run fit 90 CPU minutes.
/// </summary>
public sealed record StarterArchitecture
{
    public required StarterScale Scale { get; init; }
    public int ImageSize { get; init; } = StarterRenderer.DefaultSize;
    public required AutoencoderKLConfig Vae { get; init; }
    /// <summary>Vocabulary size and token ids are set from the starter vocabulary when the model is built.</summary>
    public required ClipTextConfig TextEncoder { get; init; }
    public required UNetConfig Unet { get; init; }
    /// <summary>One entry per factor of 2 between image and latents, plus one (diffusers' conditioning embedding).</summary>
    public required IReadOnlyList<int> ControlNetConditioningChannels { get; init; }
    public required ClipTextConfig ClipText { get; init; }
    public required ClipVisionConfig ClipVision { get; init; }
    public required int ClipProjectionDim { get; init; }
    /// <summary>Batch of the diffusion stages (text+UNet, ControlNet).</summary>
    public required int BatchSize { get; init; }
    /// <summary>
    /// The VAE works at full image resolution, where a step costs most; smaller batches give it more steps for the
    /// same time, which helps an autoencoder more than larger batches do.
    /// </summary>
    public required int VaeBatchSize { get; init; }
    /// <summary>The contrastive loss needs many negatives per batch, so the CLIP stage has its own batch size.</summary>
    public required int ClipBatchSize { get; init; }
    /// <summary>Training examples whose VAE latents the diffusion stages draw from (<see cref="StarterLatentPool"/>).</summary>
    public required int LatentPoolSize { get; init; }

    /// <summary>
    /// The subject-encoder stage backpropagates through the frozen UNet and also runs the frozen ControlNet and CLIP
    /// tower, so a step of the diffusion batch would cost more than its share of the budget allows steps for.
    /// </summary>
    public required int SubjectEncoderBatchSize { get; init; }

    public int BatchSizeOf(StarterStage stage) => stage switch
    {
        StarterStage.Vae => VaeBatchSize,
        StarterStage.Clip => ClipBatchSize,
        StarterStage.SubjectEncoder => SubjectEncoderBatchSize,
        _ => BatchSize,
    };

    public int LatentSize => ImageSize >> (Vae.BlockOutChannels.Count - 1);

    public static StarterArchitecture For(StarterScale scale) => scale == StarterScale.Full ? Full : Tiny;

    /// <summary>
    /// The same model with <paramref name="channels"/> latent channels (SD 1.x has 4) at the same 16x16 grid; only the
    /// UNet's first and last convolutions grow. Measured on the starter world: 8 channels trained to the same loss and
    /// kept no more of the sprites' small parts than 4 (src/Engine/Starter/README.md), so the default stays 4.
    /// </summary>
    public StarterArchitecture WithLatentChannels(int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        return this with { Vae = Vae with { LatentChannels = channels }, Unet = Unet with { InChannels = channels, OutChannels = channels } };
    }

    /// <summary>
    /// The same model with UNet blocks of <paramref name="channels"/> output channels (the ControlNet and the S-E-A
    /// layers follow the UNet). Thinner blocks cost less per step, so the same minutes train more steps.
    /// </summary>
    public StarterArchitecture WithUnetChannels(IReadOnlyList<int> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count != Unet.BlockOutChannels.Count)
            throw new ArgumentException($"the UNet has {Unet.BlockOutChannels.Count} blocks, got {channels.Count} channel counts", nameof(channels));
        var groups = Unet.NormNumGroups;
        if (channels.Any(c => c < groups || c % groups != 0))
            throw new ArgumentException($"UNet block channels must be positive multiples of its {groups} norm groups, got [{string.Join(", ", channels)}]", nameof(channels));
        return this with { Unet = Unet with { BlockOutChannels = channels.ToArray() } };
    }

    /// <summary>Ids per caption the text encoder, the CLIP text tower and the tokenizer's tokenizer_config.json share.</summary>
    public int TokenLength => TextEncoder.MaxPositionEmbeddings;

    /// <summary>
    /// bos, the world's longest caption (<see cref="StarterCaptions.LongestCaption"/>; every caption word is one token
    /// of the starter vocabulary), a learned subject token such as <c>sks*</c> that fine-tuning adds, and eos.
    /// </summary>
    public static int MinTokenLength { get; } = StarterVocabulary.Words(StarterCaptions.LongestCaption()).Count() + 3;

    /// <summary>
    /// The same model reading <paramref name="length"/> ids per caption instead of Stable Diffusion's 77. The world's
    /// captions need fewer than 40, and the text encoder's cost and the UNet's cross-attention keys grow with every
    /// padding position, so a shorter sequence makes a text+unet step cheaper.
    /// </summary>
    public StarterArchitecture WithTokenLength(int length)
    {
        if (length < MinTokenLength || length > ClipTokenizer.DefaultMaxLength)
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"the token length must lie in [{MinTokenLength}, {ClipTokenizer.DefaultMaxLength}]: {MinTokenLength} holds the world's longest caption (\"{StarterCaptions.LongestCaption()}\") with bos, eos and a subject token");
        return this with
        {
            TextEncoder = TextEncoder with { MaxPositionEmbeddings = length },
            ClipText = ClipText with { MaxPositionEmbeddings = length },
        };
    }

    public static StarterArchitecture Full { get; } = new()
    {
        Scale = StarterScale.Full,
        Vae = new AutoencoderKLConfig
        {
            BlockOutChannels = [16, 32, 64],
            DownBlockTypes = ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
            UpBlockTypes = ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"],
            LayersPerBlock = 1,
            NormNumGroups = 8,
            SampleSize = 64,
        },
        TextEncoder = new ClipTextConfig
        {
            HiddenSize = 128, IntermediateSize = 512, NumHiddenLayers = 4, NumAttentionHeads = 4, ProjectionDim = 128,
            HiddenAct = "quick_gelu",
        },
        Unet = new UNetConfig
        {
            SampleSize = 16,
            BlockOutChannels = [48, 96, 192],
            DownBlockTypes = ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
            UpBlockTypes = ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
            LayersPerBlock = 1,
            CrossAttentionDim = 128,
            AttentionHeadDim = 4,
            NormNumGroups = 16,
        },
        ControlNetConditioningChannels = [16, 32, 64],
        ClipText = new ClipTextConfig
        {
            HiddenSize = 128, IntermediateSize = 512, NumHiddenLayers = 4, NumAttentionHeads = 4, ProjectionDim = 128,
            HiddenAct = "quick_gelu",
        },
        ClipVision = new ClipVisionConfig
        {
            HiddenSize = 128, IntermediateSize = 512, NumHiddenLayers = 4, NumAttentionHeads = 4, ImageSize = 64,
            PatchSize = 8, ProjectionDim = 128,
        },
        ClipProjectionDim = 128,
        BatchSize = 16,
        VaeBatchSize = 8,
        ClipBatchSize = 64,
        LatentPoolSize = 2048,
        SubjectEncoderBatchSize = 12,
    };

    public static StarterArchitecture Tiny { get; } = new()
    {
        Scale = StarterScale.Tiny,
        Vae = new AutoencoderKLConfig
        {
            BlockOutChannels = [8, 16, 16],
            DownBlockTypes = ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
            UpBlockTypes = ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"],
            LayersPerBlock = 1,
            NormNumGroups = 4,
            SampleSize = 64,
        },
        TextEncoder = new ClipTextConfig
        {
            HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 2, ProjectionDim = 32,
            HiddenAct = "quick_gelu",
        },
        Unet = new UNetConfig
        {
            SampleSize = 16,
            BlockOutChannels = [16, 32, 32],
            DownBlockTypes = ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
            UpBlockTypes = ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
            LayersPerBlock = 1,
            CrossAttentionDim = 32,
            AttentionHeadDim = 2,
            NormNumGroups = 8,
        },
        ControlNetConditioningChannels = [8, 16, 16],
        ClipText = new ClipTextConfig
        {
            HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 2, ProjectionDim = 32,
            HiddenAct = "quick_gelu",
        },
        ClipVision = new ClipVisionConfig
        {
            HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 2, ImageSize = 64,
            PatchSize = 16, ProjectionDim = 32,
        },
        ClipProjectionDim = 32,
        BatchSize = 2,
        VaeBatchSize = 2,
        ClipBatchSize = 4,
        LatentPoolSize = 16,
        SubjectEncoderBatchSize = 2,
    };
}
