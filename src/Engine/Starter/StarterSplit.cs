using System.IO.Hashing;
using System.Text;

namespace DreamTuner.Engine.Starter;

/// <summary>
/// Which identities and emblems never appear in training data: 10% of emblems and 10% of identities, chosen
/// by hashing their ids (XxHash64 of a fixed string, so the split is the same everywhere and needs no list).
/// A training identity has neither a held-out emblem nor a held-out identity key.
/// </summary>
public static class StarterSplit
{
    /// <summary>Held-out share in thousandths.</summary>
    public const int HeldOutPerMille = 100;

    public static bool IsHeldOutEmblem(int emblem) => Bucket($"emblem:{emblem}") < HeldOutPerMille;

    public static bool IsHeldOutIdentity(SpriteIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Bucket($"identity:{identity.Key}") < HeldOutPerMille;
    }

    public static bool IsTraining(SpriteIdentity identity) =>
        !IsHeldOutEmblem(identity.Emblem) && !IsHeldOutIdentity(identity);

    /// <summary>The split's name in labels and on the command line.</summary>
    public static string Name(StarterSplitKind split) => split switch
    {
        StarterSplitKind.Train => "train",
        StarterSplitKind.HeldOutIdentity => "heldout-identity",
        StarterSplitKind.HeldOutEmblem => "heldout-emblem",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "StarterSplitKind does not exist"),
    };

    public static StarterSplitKind Parse(string name)
    {
        foreach (var kind in Enum.GetValues<StarterSplitKind>())
            if (Name(kind) == name)
                return kind;
        throw new ArgumentException($"Unknown split \"{name}\" (train | heldout-identity | heldout-emblem)", nameof(name));
    }

    private static ulong Bucket(string id) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(id)) % 1000;
}
