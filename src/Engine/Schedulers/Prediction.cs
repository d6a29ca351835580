using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// Conversions between what the UNet predicts (epsilon, v or x0) and x0 / epsilon.
/// VP form: x_t = alpha*x0 + sigma*eps with alpha^2 + sigma^2 = 1 and v = alpha*eps - sigma*x0
/// (Salimans &amp; Ho 2022, "Progressive Distillation", sec. 4). VE form (Euler): x = x0 + sigma*eps, with the
/// UNet fed x / sqrt(sigma^2 + 1), so its VP coefficients are alpha = 1/sqrt(sigma^2+1), sigma_vp = sigma*alpha.
/// </summary>
public static class Prediction
{
    /// <summary>x0 from the model output in VP form.</summary>
    public static Tensor OriginalFromVp(Tensor modelOutput, Tensor sample, double alpha, double sigma, string predictionType) =>
        predictionType switch
        {
            SchedulerConfig.Epsilon => (sample - sigma * modelOutput) / alpha,
            SchedulerConfig.VPrediction => alpha * sample - sigma * modelOutput,
            SchedulerConfig.Sample => modelOutput.alias(),
            _ => throw Unsupported(predictionType),
        };

    /// <summary>epsilon from the model output in VP form.</summary>
    public static Tensor EpsilonFromVp(Tensor modelOutput, Tensor sample, double alpha, double sigma, string predictionType) =>
        predictionType switch
        {
            SchedulerConfig.Epsilon => modelOutput.alias(),
            SchedulerConfig.VPrediction => alpha * modelOutput + sigma * sample,
            SchedulerConfig.Sample => (sample - alpha * modelOutput) / sigma,
            _ => throw Unsupported(predictionType),
        };

    /// <summary>x0 from the model output for a VE (sigma-space) sample, as Euler computes it.</summary>
    public static Tensor OriginalFromVe(Tensor modelOutput, Tensor sample, float sigma, string predictionType) =>
        predictionType switch
        {
            SchedulerConfig.Epsilon => sample - sigma * modelOutput,
            // c_out = -sigma / sqrt(sigma^2 + 1), c_skip = 1 / (sigma^2 + 1)
            SchedulerConfig.VPrediction => modelOutput * (-sigma / MathF.Sqrt(sigma * sigma + 1f)) + sample / (sigma * sigma + 1f),
            SchedulerConfig.Sample => modelOutput.alias(),
            _ => throw Unsupported(predictionType),
        };

    private static ArgumentException Unsupported(string predictionType) =>
        new($"prediction_type \"{predictionType}\" must be one of epsilon, v_prediction, sample.");
}
