namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// <see cref="Nn.AttentionContext"/> feature telling <see cref="SelfSubjectAttentionProcessor"/> how the rows of one
/// batched UNet call are related: each row in <see cref="Rows"/> is a generated image whose self-attention also
/// attends to the reference rows listed for it (one row per reference image, in reference order, so that the bias
/// of reference j applies to them). Every other row (reference rows, reference-free guidance rows) runs plain
/// self-attention; their keys and values are read by the generated rows in the same call, so the reference costs
/// batch rows rather than a second UNet pass.
/// </summary>
public sealed record SelfSubjectAttentionInput(
    SelfSubjectAttentionBias Bias, IReadOnlyList<int> Rows, IReadOnlyList<IReadOnlyList<int>> ReferenceRows)
{
    /// <summary>True when the generated rows are the first rows of the batch in order (the pipeline's layout), so the
    /// processor can slice instead of gathering and scattering.</summary>
    public bool RowsArePrefix { get; } = Rows.Select((row, i) => row == i).All(x => x);

    public SelfSubjectAttentionInput Validate(long batch)
    {
        if (Rows.Count != ReferenceRows.Count)
            throw new ArgumentException($"{Rows.Count} generated rows but {ReferenceRows.Count} reference-row lists.");
        foreach (var refs in ReferenceRows)
            if (refs.Count != Bias.ReferenceCount)
                throw new ArgumentException($"a generated row lists {refs.Count} reference rows but there are {Bias.ReferenceCount} reference masks.");
        if (Rows.Concat(ReferenceRows.SelectMany(r => r)).Any(r => r < 0 || r >= batch))
            throw new ArgumentException($"a row index is outside the batch of {batch}.");
        return this;
    }
}
