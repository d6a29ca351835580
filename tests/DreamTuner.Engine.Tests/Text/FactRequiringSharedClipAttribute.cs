using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Text;

/// <summary>
/// A fact that needs the real CLIP vocabulary in ../shared/data/clip, which is not part of the repository;
/// it is reported as skipped (with the reason) rather than silently passing when the folder is absent.
/// </summary>
public sealed class FactRequiringSharedClipAttribute : FactAttribute
{
    public FactRequiringSharedClipAttribute()
    {
        if (TestPaths.SharedClipData == null)
            Skip = $"The real CLIP vocabulary is absent: expected ../shared/data/clip next to {TestPaths.RepoRoot}";
    }
}
