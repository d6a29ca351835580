using DreamTuner.Data.Jobs;
using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Stage 3: a pose ControlNet initialised from the trained UNet (<see cref="ControlNetModel.FromUNet"/>, zero convs)
/// learns from the world's OpenPose-style pose images to steer the frozen UNet on the same latents and captions.
/// </summary>
public sealed class ControlNetStageBuilder : IStarterStageBuilder
{
    /// <summary>The engine's folder for a pose ControlNet beside a model (<see cref="Jobs.ModelFolderLayout"/>), so the studio finds it.</summary>
    public const string FolderName = "controlnet-pose";

    public const double LearningRate = 2e-4;

    public StarterStage Stage => StarterStage.ControlNet;

    public StarterStageSession Open(StarterTrainingContext context, bool probe)
    {
        var architecture = context.Architecture;
        var (vae, text, unet) = context.LoadDiffusion(probe);
        foreach (var module in new nn.Module[] { vae, text, unet })
        {
            module.eval();
            foreach (var p in module.parameters()) p.requires_grad = false;
        }
        var pool = StarterLatentPool.LoadOrBuild(probe ? null : context.LatentPoolPath, vae, context.Batches,
            probe ? architecture.BatchSize : architecture.LatentPoolSize);
        var poolWeights = StarterPoolWeights.Build(context, pool.Count, pool.Mean.shape[2]);
        manual_seed(context.Seed * 31 + (int)Stage);
        var controlNet = ControlNetModel.FromUNet(unet, architecture.ControlNetConditioningChannels);
        foreach (var p in controlNet.parameters()) p.requires_grad = true;
        controlNet.train();
        return new StarterStageSession
        {
            Trainable = controlNet.named_parameters().ToDictionary(p => p.name, p => p.parameter),
            Loss = (_, generator) =>
            {
                var indices = pool.DrawIndices(architecture.BatchSize, generator);
                var latents = pool.Latents(indices, vae.ScalingFactor, generator);
                var rendered = context.Batches.Render(indices);
                var poses = rendered.Poses;
                var ids = StarterConditioning.CaptionIds(context.Tokenizer, rendered.Captions, generator);
                Tensor states;
                using (no_grad())
                    states = text.EncodePrompt(ids);
                return context.DiffusionLoss.Compute((noisy, t) =>
                {
                    var (down, mid) = controlNet.Forward(noisy, t, states, poses);
                    return unet.Forward(noisy, t, states, down, mid);
                }, latents, generator, poolWeights?.Of(indices));
            },
            Save = dir => StarterWeights.SaveDiffusers(controlNet, controlNet.Config, Path.Combine(dir, FolderName)),
            LearningRate = LearningRate,
            BatchSize = architecture.BatchSize,
            SavedParameters = StarterWeights.CountParameters(controlNet),
            Components = [FolderName],
            Disposables = poolWeights is null ? [pool] : [pool, poolWeights],
            Owned = [vae, text, unet, controlNet],
        };
    }
}
