using DreamTuner.Engine.Pipelines;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Characters;

/// <summary>
/// The learned subject word [S*] (DreamTuner section 3.3, improvement 2: "an additional trainable embedding as in
/// Textual Inversion rather than a rare word", initialised from the class word, appendix B).
/// </summary>
public static class SubjectToken
{
    /// <summary>
    /// Adds <paramref name="tokenText"/> to the tokenizer, grows the text encoder's embedding table to match, and sets
    /// the token's row to the class word's embedding — the mean of its BPE tokens' rows when the word splits into
    /// several (an empty class word leaves the mean of the whole table). Returns the token's id. Installing a token
    /// that is already there only re-initialises its row.
    /// </summary>
    public static int Install(StableDiffusionModel model, string tokenText, string classWord)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(classWord);
        var classIds = model.Tokenizer.EncodeToBpeIds(classWord).Where(id => id < model.TextEncoder.VocabSize).ToArray();
        int id = AddRow(model, tokenText);
        if (classIds.Length > 0)
        {
            using var scope = NewDisposeScope();
            var table = TokenTable(model);
            var init = table.index_select(0, tensor(classIds.Select(i => (long)i).ToArray(), device: table.device)).mean([0]);
            SetRow(model, id, init);
        }
        return id;
    }

    /// <summary>Adds the token (no initialisation beyond the mean row) and returns its id; the caller sets the row.</summary>
    public static int AddRow(StableDiffusionModel model, string tokenText)
    {
        int id = model.Tokenizer.AddToken(tokenText);
        if (model.TextEncoder.VocabSize < model.Tokenizer.VocabSize)
            model.TextEncoder.ResizeTokenEmbeddings(model.Tokenizer.VocabSize);
        // Added ids lie beyond eos, so pooling at argmax(ids) would no longer find eos.
        model.TextEncoder.EosTokenId = model.Tokenizer.EosId;
        return id;
    }

    public static Tensor TokenTable(StableDiffusionModel model) =>
        model.TextEncoder.named_parameters().First(p => p.name.EndsWith("token_embedding.weight", StringComparison.Ordinal)).parameter;

    public static void SetRow(StableDiffusionModel model, int id, Tensor row)
    {
        using var noGrad = no_grad();
        var table = TokenTable(model);
        table[id] = row.to(table.dtype, table.device);
    }
}
