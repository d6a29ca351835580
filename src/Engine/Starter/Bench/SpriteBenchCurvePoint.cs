namespace DreamTuner.Engine.Starter.Bench;

/// <summary>Identity fidelity of one fine-tuning method after <see cref="Step"/> steps, over all subjects and prompts.</summary>
public sealed record SpriteBenchCurvePoint(string Key, string Method, int Step, double IdentityAccuracy, double EmblemMatch, int Images);
