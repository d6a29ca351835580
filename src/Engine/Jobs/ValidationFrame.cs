namespace DreamTuner.Engine.Jobs;

/// <summary>A fine-tune's validation image as the training thread hands it over (PNG bytes); the publisher makes the JPEG.</summary>
public sealed record ValidationFrame(Guid FineTuneId, Guid CharacterId, Guid ProjectId, int Step, byte[] Png);
