using DreamTuner.Engine.Pipelines;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>The images, the guidance form each step took (Eq. 6), and warnings for the user (e.g. no subject mask found).</summary>
public sealed record DreamTunerResult(GenerationResult Output, IReadOnlyList<GuidanceBranch> Branches, IReadOnlyList<string> Warnings) : IDisposable
{
    public void Dispose() => Output.Dispose();
}
