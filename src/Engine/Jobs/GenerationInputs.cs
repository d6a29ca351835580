namespace DreamTuner.Engine.Jobs;

/// <summary>The blobs a generation row points at, read before the job's denoising thread starts (blob reads are async).</summary>
public sealed record GenerationInputs(byte[]? InitImage, byte[]? ControlImage, IReadOnlyList<JobCharacter> Characters)
{
    public static readonly GenerationInputs None = new(null, null, []);
}
