namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// A stage that saves an exponential moving average of its weights (<see cref="Training.AveragedWeights"/>) instead
/// of its last weights: decay per step, and the step the average starts at (a late start continues a finished run).
/// </summary>
public sealed record WeightAveragePlan(double Decay, int StartStep)
{
    public override string ToString() => $"weight average {Decay:0.####} from step {StartStep}";
}
