using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Stage 2: the UNet and the CLIP text encoder learn together, end-to-end, from the diffusion loss on the frozen
/// VAE's latents, with 10% of captions dropped for classifier-free guidance. Training the text encoder through the
/// UNet is the simplest objective that works: a separately (contrastively) trained encoder would only be useful to
/// the UNet if its states happened to carry what the cross-attention needs.
/// </summary>
public sealed class TextUnetStageBuilder : IStarterStageBuilder
{
    /// <summary>The default; <c>--text-unet-lr</c> sets <see cref="StarterTrainingContext.TextUnetLearningRate"/>.</summary>
    public const double LearningRate = 3e-4;

    /// <summary>
    /// A planned stage saves the exponential moving average (decay per step) of its last 2/7 of steps (the shipped
    /// model: 4000 of 14000). Measured on the shipped model's run (session 10): 2000 more steps at the same constant
    /// rate, averaged, raised SpriteBench's quality bar on 96 images from 0.649 to 0.675 and the reference-based methods'
    /// CLIP-I with it (DreamTuner 0.497 -> 0.515, self-subject-attention 0.289 -> 0.362), where a decaying rate had cut
    /// every reference method; 2000 further averaged steps read 0.729 (session 11 ships those).
    /// </summary>
    public const double AverageDecay = 0.999;

    public const double AverageShare = 2.0 / 7;

    public StarterStage Stage => StarterStage.TextUnet;

    public StarterStageSession Open(StarterTrainingContext context, bool probe)
    {
        var architecture = context.Architecture;
        var vae = context.LoadVae(probe);
        vae.eval();
        foreach (var p in vae.parameters()) p.requires_grad = false;
        var pool = StarterLatentPool.LoadOrBuild(probe ? null : context.LatentPoolPath, vae, context.Batches,
            probe ? architecture.BatchSize : architecture.LatentPoolSize);
        var poolWeights = StarterPoolWeights.Build(context, pool.Count, pool.Mean.shape[2]);
        manual_seed(context.Seed * 31 + (int)Stage);
        var textConfig = context.TextConfig(architecture.TextEncoder);
        var text = new ClipTextModel(textConfig) { EosTokenId = context.Tokenizer.EosId };
        // The UNet denoises this VAE's latents, whatever channel count the VAE was trained with.
        var latentChannels = vae.Config.LatentChannels;
        var unet = new UNet2DConditionModel(architecture.Unet with
        {
            CrossAttentionDim = textConfig.HiddenSize, InChannels = latentChannels, OutChannels = latentChannels,
        });
        text.train();
        unet.train();
        var trainable = text.named_parameters().Select(p => ("text_encoder." + p.name, p.parameter))
            .Concat(unet.named_parameters().Select(p => ("unet." + p.name, p.parameter)))
            .ToDictionary(p => p.Item1, p => p.parameter);
        var frozen = new FrozenCaptionStates(text, context.Tokenizer, context.Batches, pool.Count);
        return new StarterStageSession
        {
            Trainable = trainable,
            Loss = (step, generator) =>
            {
                var indices = pool.DrawIndices(architecture.BatchSize, generator);
                var latents = pool.Latents(indices, vae.ScalingFactor, generator);
                // A resumed run past the freeze step freezes at its first step, from the encoder its checkpoint restored.
                if (step >= context.FreezeTextEncoderFrom)
                    frozen.Freeze();
                var states = frozen.IsFrozen
                    ? frozen.Lookup(indices, StarterConditioning.DroppedCaptions(indices.Length, generator))
                    : text.EncodePrompt(StarterConditioning.CaptionIds(context.Tokenizer, context.Batches.Captions(indices), generator));
                return context.DiffusionLoss.Compute(unet, latents, states, generator,
                    weights: poolWeights?.Of(indices));
            },
            Save = dir =>
            {
                StarterWeights.SaveDiffusers(unet, unet.Config, Path.Combine(dir, "unet"));
                ConfigFile.Write(Path.Combine(dir, "text_encoder", ClipTextConfig.FileName), text.Config);
                StarterWeights.SaveFp16(text, Path.Combine(dir, "text_encoder", "model.safetensors"));
            },
            LearningRate = context.TextUnetLearningRate,
            BatchSize = architecture.BatchSize,
            SavedParameters = StarterWeights.CountParameters(text) + StarterWeights.CountParameters(unet),
            Components = ["text_encoder", "unet"],
            Disposables = poolWeights is null ? [pool, frozen] : [pool, poolWeights, frozen],
            Owned = [vae, text, unet],
        };
    }
}
