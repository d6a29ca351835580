using DreamTuner.Engine.Checkpoints;

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

    /// <summary>Throws, naming the stage, when the entry's weight average or text-encoder freeze cannot be trained as written.</summary>
    public void Check()
    {
        var name = StarterStages.Name(Stage);
        if (Average is { } average && average.StartStep >= Steps)
            throw new CheckpointException($"{name}: the plan's weight average starts at step {average.StartStep}, but the stage trains only {Steps} steps");
        if (FreezeTextEncoderFrom is not { } freeze) return;
        if (Stage != StarterStage.TextUnet || freeze < 0 || freeze >= Steps)
            throw new CheckpointException($"{name}: the plan freezes the text encoder from step {freeze}, but only the " +
                $"text+unet stage has one to freeze, from a step in [0, {Steps})");
        // An average begun before the freeze would save an encoder older than the one the UNet's last steps read.
        if (Average is { } averaged && averaged.StartStep < freeze)
            throw new CheckpointException($"{name}: the plan freezes the text encoder from step {freeze}, after its " +
                $"weight average starts (step {averaged.StartStep}); freeze it at or before that step");
    }
}
