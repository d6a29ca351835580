namespace DreamTuner.Studio.Services.Methods;

/// <summary>
/// Which DreamTuner method a character will get in a generation, in words: its trained package (if it has an active
/// fine-tune), the coarse-identity module the model folder holds, and self-subject-attention, which always applies.
/// <see cref="IsFallback"/> marks the training-free, encoder-less case the paper's quality claims do not cover.
/// </summary>
public sealed record CharacterMethod(Guid CharacterId, string Name, string Label, string Explanation, bool IsFallback)
{
    public static CharacterMethod For(CharacterInfo character, InstalledCoarseIdentity coarse, string? modelId)
    {
        ArgumentNullException.ThrowIfNull(character);
        var model = string.IsNullOrWhiteSpace(modelId) ? "the model" : $"model \"{modelId.Trim()}\"";
        var (coarseLabel, coarseWhy) = coarse switch
        {
            InstalledCoarseIdentity.SubjectEncoder => ("subject-encoder + SSA", $"the subject-encoder in {model} gives the coarse look, self-subject-attention (SSA) the details"),
            InstalledCoarseIdentity.IPAdapter => ("IP-Adapter + SSA", $"no subject-encoder in {model}: IP-Adapter stands in for it, self-subject-attention (SSA) gives the details"),
            InstalledCoarseIdentity.None => ("SSA only", $"no subject-encoder is installed in {model}: self-subject-attention (SSA) alone carries the identity, so the coarse look may drift"),
            _ => ("method chosen by the engine", $"the studio cannot see {model}'s folder; the engine uses a subject-encoder if one is installed, else self-subject-attention alone"),
        };
        return character.HasFineTune
            ? new CharacterMethod(character.Id, character.Name, $"trained package + {coarseLabel}", $"{character.Name}'s trained package sharpens the likeness; {coarseWhy}.", false)
            : new CharacterMethod(character.Id, character.Name, coarseLabel, $"{character.Name} is untrained (works from the one reference image); {coarseWhy}.",
                coarse == InstalledCoarseIdentity.None);
    }
}
