using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// The denoising objective Stable Diffusion is trained with (diffusers' train_text_to_image.py / train_dreambooth.py):
/// draw t ~ U{0..T-1} and ε ~ N(0, I), noise the latents to x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε, and regress the UNet
/// output on ε (epsilon prediction) or on v = √ᾱ_t ε - √(1-ᾱ_t) x_0 (v_prediction) with a mean squared error.
/// All randomness comes from the caller's generator so a step can be replayed exactly.
/// </summary>
public sealed class DiffusionLoss
{
    private readonly float[] _alphasCumprod;
    private readonly string _predictionType;

    public DiffusionLoss(SchedulerConfig config)
    {
        _alphasCumprod = NoiseSchedule.AlphasCumprod(config);
        _predictionType = config.PredictionType;
        if (_predictionType is not ("epsilon" or "v_prediction"))
            throw new ArgumentException($"training supports prediction_type epsilon or v_prediction, not {_predictionType}");
    }

    public int TrainTimesteps => _alphasCumprod.Length;

    /// <summary>
    /// Min-SNR-γ loss weighting (Hang et al. 2023, "Efficient Diffusion Training via Min-SNR Weighting Strategy"):
    /// each sample's error is scaled by min(SNR_t, γ)/SNR_t (epsilon) or min(SNR_t, γ)/(SNR_t + 1) (v), so the
    /// nearly-clean timesteps, whose targets are easy and whose gradients pull against the noisy ones, stop dominating.
    /// Null: the plain objective.
    /// </summary>
    public double? MinSnrGamma { get; init; }

    /// <summary>Mean squared error of one batch; <paramref name="latents"/> are already scaled by the VAE factor.</summary>
    public Tensor Compute(UNet2DConditionModel unet, Tensor latents, Tensor textStates, Generator generator,
        AttentionContext? context = null, Tensor? weights = null) =>
        Compute((noisy, t) => unet.Forward(noisy, t, textStates, attentionContext: context), latents, generator, weights);

    /// <summary>
    /// The same objective for any noise predictor <paramref name="predict"/>(noisy latents, timesteps), e.g. a UNet
    /// driven by a ControlNet's residuals. <paramref name="weights"/> (broadcastable to the latents, e.g.
    /// <c>[B, 1, h, w]</c>) weighs each position's squared error; the sum is divided by the weights' sum, so uniform
    /// weights give the plain mean and the loss keeps its scale.
    /// </summary>
    public Tensor Compute(Func<Tensor, Tensor, Tensor> predict, Tensor latents, Generator generator, Tensor? weights = null)
    {
        long batch = latents.shape[0];
        var noise = randn(latents.shape, dtype: ScalarType.Float32, generator: generator).to(latents.device);
        var t = randint(0, _alphasCumprod.Length, [batch], dtype: ScalarType.Int64, generator: generator);
        var abar = tensor(t.data<long>().Select(i => _alphasCumprod[i]).ToArray()).to(latents.device).view(batch, 1, 1, 1);
        var noisy = abar.sqrt() * latents + (1 - abar).sqrt() * noise;
        var target = _predictionType == "epsilon" ? noise : abar.sqrt() * noise - (1 - abar).sqrt() * latents;
        var prediction = predict(noisy.to(latents.dtype), t.to(latents.device));
        if (weights is null && MinSnrGamma is null)
            return nn.functional.mse_loss(prediction.to(ScalarType.Float32), target.to(ScalarType.Float32));
        var error = (prediction.to(ScalarType.Float32) - target.to(ScalarType.Float32)).square();
        if (MinSnrGamma is { } gamma)
            error = error * SnrWeights(abar, gamma);
        return weights is null ? error.mean() : WeightedMean.Of(error, weights);
    }

    private Tensor SnrWeights(Tensor abar, double gamma)
    {
        var snr = abar / (1 - abar);
        var clipped = snr.clamp(max: gamma);
        return _predictionType == "epsilon" ? clipped / snr : clipped / (snr + 1);
    }
}
