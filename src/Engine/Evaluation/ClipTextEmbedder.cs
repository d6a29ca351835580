using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Text;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Evaluation;

/// <summary>
/// CLIP text embeddings (the text side of CLIP-T): the text tower pooled at the end token, through
/// <c>text_projection</c>, normalised to unit length. Prompts longer than the tokenizer's length (75 BPE tokens for CLIP) are truncated, as CLIP does.
/// </summary>
public sealed class ClipTextEmbedder(StarterClipModel model, ClipTokenizer tokenizer) : ITextEmbedder
{
    private readonly StarterClipModel _model = model ?? throw new ArgumentNullException(nameof(model));
    private readonly ClipTokenizer _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));

    /// <summary>Loads the CLIP folder and its tokenizer (see <see cref="ClipModelFolder"/> for where it looks and its errors).</summary>
    public static ClipTextEmbedder FromFolder(string clipDir, string? tokenizerDir = null) =>
        new(ClipModelFolder.LoadModel(clipDir), ClipModelFolder.LoadTokenizer(clipDir, tokenizerDir));

    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(_tokenizer.Encode(text), [1, _tokenizer.MaxLength]);
        var trimmed = StarterClipModel.TrimPadding(ids, _tokenizer.EosId);
        return _model.TextEmbeds(trimmed)[0].to(ScalarType.Float32).data<float>().ToArray();
    }
}
