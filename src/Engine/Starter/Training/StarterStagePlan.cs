namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// One stage of the plan: its steps, the step time measured before training (0 when not measured), and whether its
/// learning rate follows the warm-up + half-cosine schedule (null: <c>--cosine-lr</c> decides). The schedule belongs
/// to the plan because a model's stages may have been trained under different ones (a stage reused from an earlier
/// run), and <c>--plan</c> has to replay each as it was. <see cref="Average"/>: the stage saves a moving average of
/// its weights (null: its last weights). <see cref="FreezeTextEncoderFrom"/> (text+unet only): from this step on the
/// text encoder stops learning and the UNet reads its cached caption states (null: it learns to the end).
/// </summary>
public sealed record StarterStagePlan(StarterStage Stage, int Steps, int BatchSize, double SecondsPerStep, bool? CosineLr = null,
    WeightAveragePlan? Average = null, int? FreezeTextEncoderFrom = null)
{
    public double EstimatedSeconds => Steps * SecondsPerStep;
}
