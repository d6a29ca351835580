namespace DreamTuner.Data.Jobs;

/// <summary>A validation image (fixed prompt and seed) rendered after <see cref="Step"/>, as JPEG.</summary>
public sealed record FineTuneValidationImage(Guid FineTuneId, Guid CharacterId, Guid ProjectId, int Step, byte[] Jpeg);
