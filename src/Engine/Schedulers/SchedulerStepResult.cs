using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// Result of <see cref="IScheduler.Step"/>: the sample for the next step and the model's estimate of the clean
/// sample x0 at this step (what a live preview decodes).
/// </summary>
public sealed record SchedulerStepResult(Tensor PrevSample, Tensor PredOriginal);
