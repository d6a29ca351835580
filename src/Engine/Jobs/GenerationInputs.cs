namespace DreamTuner.Engine.Jobs;

/// <summary>The blobs a generation row points at, read before the job's denoising thread starts (blob reads are async).</summary>
public sealed record GenerationInputs(byte[]? InitImage, byte[]? ControlImage, IReadOnlyList<JobCharacter> Characters)
{
    /// <summary>
    /// References that belong to no character (the previous panel's chosen take, for continuity): they join the
    /// characters' in self-subject-attention, with their alpha as mask when they have one.
    /// </summary>
    public IReadOnlyList<byte[]> ExtraReferences { get; init; } = [];

    /// <summary>True when there is any reference, so the job runs DreamTuner.</summary>
    public bool HasReferences => Characters.Count > 0 || ExtraReferences.Count > 0;

    public static readonly GenerationInputs None = new(null, null, []);
}
