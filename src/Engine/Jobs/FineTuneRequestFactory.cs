using System.Text.Json;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Training;

namespace DreamTuner.Engine.Jobs;

/// <summary>Turns a stored <see cref="FineTune"/> and its <see cref="Character"/> into the trainer's request; problems become readable <see cref="GenerationFailedException"/>s.</summary>
public static class FineTuneRequestFactory
{
    public static FineTuneParameters Parameters(FineTune row)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            return FineTuneParameters.FromJson(row.ParametersJson);
        }
        catch (JsonException e)
        {
            throw new GenerationFailedException($"The fine-tune's parameters are not readable: {e.Message}", e);
        }
    }

    public static SubjectFineTuneOptions Options(FineTuneParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var mode = p.Mode switch
        {
            FineTuneParameters.LoraMode => Training.FineTuneMode.Lora,
            FineTuneParameters.FullMode => Training.FineTuneMode.Full,
            _ => throw new GenerationFailedException($"Fine-tuning mode \"{p.Mode}\" does not exist; use \"lora\" or \"full\"."),
        };
        return new SubjectFineTuneOptions
        {
            Mode = mode,
            Rank = p.Rank,
            LearningRate = p.LearningRate,
            Steps = p.Steps,
            RegularImages = p.RegularImages,
            RegularImageSteps = p.RegularImageSteps,
            Resolution = p.Resolution,
            Seed = p.Seed,
            CheckpointEvery = p.CheckpointEvery,
            ValidationEvery = p.ValidationEvery,
            ValidationSteps = p.ValidationSteps,
            ValidationSeed = p.ValidationSeed,
        };
    }

    /// <summary>
    /// The word the package installs: derived from the character id, so it is stable across re-runs and distinct from
    /// the studio's <c>[S1*]</c>-style prompt placeholders (which the prompt rewriting maps onto loaded tokens).
    /// </summary>
    public static string TokenFor(Guid characterId) => $"<character-{characterId.ToString("N")[..8]}>";

    /// <summary>The character's reference (and mask) from the blob store.</summary>
    public static DreamTunerReference Reference(Character character, IBlobStore blobs)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(blobs);
        if (string.IsNullOrEmpty(character.ReferenceImageHash) || !blobs.Exists(character.ReferenceImageHash))
            throw new GenerationFailedException($"Character \"{character.Name}\" has no reference image in the blob store; upload its image again.");
        string? mask = character.MaskHash is { } hash && blobs.Exists(hash) ? blobs.PathOf(hash) : null;
        try
        {
            return DreamTunerReference.FromFiles(blobs.PathOf(character.ReferenceImageHash), mask);
        }
        catch (ImageRejectedException e)
        {
            throw new GenerationFailedException($"Character \"{character.Name}\"'s reference image cannot be read: {e.Message}", e);
        }
    }

    public static SubjectFineTuneRequest Create(Character character, DreamTunerReference reference, SubjectFineTuneOptions options, string workDir)
    {
        ArgumentNullException.ThrowIfNull(character);
        var request = new SubjectFineTuneRequest
        {
            Reference = reference,
            ClassWord = character.ClassWord,
            Caption = string.IsNullOrWhiteSpace(character.Caption) ? null : character.Caption,
            Token = TokenFor(character.Id),
            Options = options,
            WorkDir = workDir,
        };
        try
        {
            request.Validate();
        }
        catch (ArgumentException e)
        {
            throw new GenerationFailedException($"The fine-tune's settings are invalid: {e.Message}", e);
        }
        return request;
    }
}
