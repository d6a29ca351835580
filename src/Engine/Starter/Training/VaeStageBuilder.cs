using DreamTuner.Engine.Training;
using DreamTuner.Engine.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Stage 1: the AutoencoderKL learns world images from scratch with L1 + L2 reconstruction and a small KL term
/// (element means; the weight only keeps the latent distribution smooth). On saving, the config's scaling_factor is
/// set to 1 / std of the latents of fixed examples, as Stable Diffusion's 0.18215 was, so the UNet sees unit-variance
/// latents.
/// </summary>
public sealed class VaeStageBuilder : IStarterStageBuilder
{
    public const double LearningRate = 5e-4;
    public const double KlWeight = 1e-4;
    /// <summary>Examples whose latents set the scaling factor.</summary>
    public const int ScalingExamples = 64;

    public StarterStage Stage => StarterStage.Vae;

    public StarterStageSession Open(StarterTrainingContext context, bool probe)
    {
        var architecture = context.Architecture;
        manual_seed(context.Seed * 31 + (int)Stage);
        var vae = new AutoencoderKL(architecture.Vae);
        vae.train();
        return new StarterStageSession
        {
            Trainable = vae.named_parameters().ToDictionary(p => p.name, p => p.parameter),
            Loss = (_, generator) =>
            {
                var indices = context.Batches.DrawIndices(architecture.VaeBatchSize, generator);
                return Loss(vae, context.Batches.Render(indices).Images, generator, context.SubjectPixelWeights(indices));
            },
            Save = dir => Save(vae, context, Path.Combine(dir, "vae")),
            LearningRate = LearningRate,
            BatchSize = architecture.VaeBatchSize,
            SavedParameters = StarterWeights.CountParameters(vae),
            Components = ["vae"],
            Owned = [vae],
        };
    }

    /// <summary>
    /// L1 + L2 reconstruction of a sampled latent plus <see cref="KlWeight"/> · KL(q(z|x) ‖ N(0, I)).
    /// <paramref name="pixelWeights"/> (<c>[B, 1, H, W]</c>) weigh each pixel's reconstruction error; the sums are
    /// divided by the weights' sum, so uniform weights give the plain means.
    /// </summary>
    public static Tensor Loss(AutoencoderKL vae, Tensor images, Generator generator, Tensor? pixelWeights = null)
    {
        var posterior = vae.Encode(images);
        var reconstruction = vae.Decode(posterior.Sample(generator));
        var kl = 0.5 * (posterior.Mean.square() + posterior.Std.square() - 1 - posterior.LogVar).mean();
        if (pixelWeights is null)
            return nn.functional.l1_loss(reconstruction, images) + nn.functional.mse_loss(reconstruction, images) + KlWeight * kl;
        var error = reconstruction - images;
        return WeightedMean.Of(error.abs() + error.square(), pixelWeights) + KlWeight * kl;
    }

    private static void Save(AutoencoderKL vae, StarterTrainingContext context, string dir)
    {
        double std;
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            vae.eval();
            var images = context.Batches.Render(Enumerable.Range(0, ScalingExamples).Select(i => (long)i).ToList()).Images;
            using var posterior = vae.Encode(images);
            std = posterior.Mean.std().item<float>();
            vae.train();
        }
        var config = vae.Config with { ScalingFactor = Math.Round(1.0 / Math.Max(std, 1e-6), 5) };
        StarterWeights.SaveDiffusers(vae, config, dir);
    }
}
