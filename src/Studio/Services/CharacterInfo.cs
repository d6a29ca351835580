using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services;

/// <summary>A character as pages show it.</summary>
public sealed record CharacterInfo(
    Guid Id, Guid ProjectId, string Name, string ClassWord, string Token, string? Caption,
    string ReferenceContentType, long ReferenceSize, bool HasMask, bool HasFineTune, DateTimeOffset CreatedAt,
    string? MaskHash = null, MaskSource? MaskSource = null);
