namespace DreamTuner.Data.Entities;

public enum ReviewVerdict
{
    Approve,
    Reject,
    NeedsChanges,
}
