namespace DreamTuner.Data.Jobs;

/// <summary>A fine-tune to queue for a character (checked by the caller: role, limits, parameters).</summary>
public sealed record NewFineTune(Guid CharacterId, Guid? RequestedById, FineTuneParameters Parameters);
