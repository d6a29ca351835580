using DreamTuner.Data.Jobs;
using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Training.Pretraining;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>Parameter counts of every shipped component of an architecture, computed by building it (no training).</summary>
public static class StarterModelSize
{
    public static IReadOnlyDictionary<string, long> Parameters(StarterArchitecture architecture, ClipTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var context = new StarterTrainingContext(architecture, "", null, 0, null!, tokenizer, null!);
        var textConfig = context.TextConfig(architecture.TextEncoder);
        var counts = new Dictionary<string, long>();
        using (var vae = new AutoencoderKL(architecture.Vae)) counts["vae"] = StarterWeights.CountParameters(vae);
        using (var text = new ClipTextModel(textConfig)) counts["text_encoder"] = StarterWeights.CountParameters(text);
        using (var unet = new UNet2DConditionModel(architecture.Unet with { CrossAttentionDim = textConfig.HiddenSize }))
        {
            counts["unet"] = StarterWeights.CountParameters(unet);
            using var controlNet = new ControlNetModel(ControlNetConfig.FromUNet(unet.Config, architecture.ControlNetConditioningChannels));
            counts[ControlNetStageBuilder.FolderName] = StarterWeights.CountParameters(controlNet);
            // The image encoder is a copy of the CLIP vision tower; the subject-encoder file holds the head and the S-E-A layers.
            using var vision = new ClipVisionModel(ClipStageBuilder.Config(context).VisionConfig);
            counts[ModelFolderLayout.ImageEncoderFolder] = StarterWeights.CountParameters(vision);
            var identity = SubjectEncoderPretrainer.CreateFresh(unet, vision, SubjectEncoderStageBuilder.Config(vision.Config, textConfig.HiddenSize), 0);
            using var encoder = identity.Encoder;
            counts[SubjectEncoderStageBuilder.Components[0]] = StarterWeights.CountParameters(encoder) + SubjectEncoderFile.TransformerBlocks(unet)
                .Sum(b => StarterWeights.CountParameters(b.Block.SubjectAttention!) + StarterWeights.CountParameters(b.Block.SubjectAttentionNorm!));
        }
        using (var clip = new StarterClipModel(ClipStageBuilder.Config(context))) counts["clip"] = StarterWeights.CountParameters(clip);
        return counts;
    }

    /// <summary>Bytes of all weights in fp16 (safetensors headers add a few KB).</summary>
    public static long Fp16Bytes(IReadOnlyDictionary<string, long> parameters) => parameters.Values.Sum() * StarterWeights.BytesPerParameter;
}
