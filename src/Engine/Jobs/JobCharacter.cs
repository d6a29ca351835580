namespace DreamTuner.Engine.Jobs;

/// <summary>
/// One character of a DreamTuner job as the engine needs it: the prompt token the studio wrote (<c>[S1*]</c>), its
/// class word, reference image and mask bytes, and its unpacked trained package and that package's blob hash (both
/// null until trained).
/// </summary>
public sealed record JobCharacter(
    Guid Id, string Name, string Token, string ClassWord, byte[] Reference, byte[]? Mask, string? PackagePath, string? PackageHash = null);
