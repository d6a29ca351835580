namespace DreamTuner.Studio.Services.Compare;

/// <summary>What the compare view shows: the references of the characters used, then the takes in the order asked.</summary>
public sealed record CompareSet(IReadOnlyList<CompareReference> References, IReadOnlyList<CompareTake> Takes);
