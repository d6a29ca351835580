using DreamTuner.Engine.Characters;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;

namespace DreamTuner.Engine.Jobs;

/// <summary>A cached model with what was loaded into it for its <see cref="ModelKey"/>; disposed when evicted.</summary>
public sealed class LoadedModel(StableDiffusionModel model, ICoarseIdentityModule? coarse, CoarseIdentityKind coarseKind,
    IReadOnlyList<LoadedCharacter> characters) : IDisposable
{
    public StableDiffusionModel Model { get; } = model;

    /// <summary>The subject-encoder or IP-Adapter loaded from the model's folder; null when it has none (or it was not asked for).</summary>
    public ICoarseIdentityModule? CoarseIdentity { get; } = coarse;

    public CoarseIdentityKind CoarseIdentityKind { get; } = coarseKind;

    /// <summary>The applied character packages, in the key's order.</summary>
    public IReadOnlyList<LoadedCharacter> Characters { get; } = characters;

    public void Dispose()
    {
        foreach (var c in Characters) c.Dispose();
        CoarseIdentity?.Dispose();
        Model.Dispose();
    }
}
