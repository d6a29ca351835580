namespace DreamTuner.Engine.Starter;

/// <summary>Which part of the world a sample comes from (see <see cref="StarterSplit"/>).</summary>
public enum StarterSplitKind
{
    /// <summary>Identities allowed in training data.</summary>
    Train,

    /// <summary>Identities held out by their identity key, with emblems that training does show.</summary>
    HeldOutIdentity,

    /// <summary>Identities whose emblem never appears in training data.</summary>
    HeldOutEmblem,
}
