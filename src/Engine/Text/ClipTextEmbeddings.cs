using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Text;

/// <summary>Token plus learned absolute position embeddings (transformers <c>CLIPTextEmbeddings</c>).</summary>
public sealed class ClipTextEmbeddings : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "token_embedding")] private readonly Embedding _tokenEmbedding;
    [ComponentName(Name = "position_embedding")] private readonly Embedding _positionEmbedding;
    private readonly int _maxPositions;

    public ClipTextEmbeddings(ClipTextConfig config) : base(nameof(ClipTextEmbeddings))
    {
        _maxPositions = config.MaxPositionEmbeddings;
        _tokenEmbedding = nn.Embedding(config.VocabSize, config.HiddenSize);
        _positionEmbedding = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        RegisterComponents();
    }

    public Embedding TokenEmbedding => _tokenEmbedding;

    public override Tensor forward(Tensor inputIds)
    {
        var length = inputIds.shape[^1];
        if (length > _maxPositions)
            throw new ArgumentException($"{length} tokens exceed max_position_embeddings {_maxPositions}", nameof(inputIds));
        using var scope = NewDisposeScope();
        // Positions are always 0..L-1; checkpoints' position_ids buffer holds exactly that, so it is not kept.
        var positions = arange(length, dtype: int64, device: inputIds.device).unsqueeze(0);
        return (_tokenEmbedding.forward(inputIds) + _positionEmbedding.forward(positions)).MoveToOuterDisposeScope();
    }

    /// <summary>Replaces the token table by one with <paramref name="vocabSize"/> rows, keeping the old rows.</summary>
    public void ResizeTokenEmbeddings(int vocabSize)
    {
        var old = _tokenEmbedding.weight!;
        var (rows, dims) = ((int)old.shape[0], old.shape[1]);
        if (vocabSize == rows)
            return;
        if (vocabSize < rows)
            throw new ArgumentException($"Cannot shrink the token embedding from {rows} to {vocabSize} rows", nameof(vocabSize));

        Tensor grown;
        using (no_grad())
        using (NewDisposeScope())
        {
            // New rows start at the mean of the old rows, so an untrained new token reads as an average word rather
            // than as noise of arbitrary norm that could dominate the prompt.
            var mean = old.mean([0], keepdim: true);
            // The table belongs to the module from now on, not to whatever dispose scope the caller is in.
            grown = cat([old.detach(), mean.expand(vocabSize - rows, dims)], 0).contiguous().DetachFromDisposeScope();
        }
        _tokenEmbedding.weight = new Parameter(grown, old.requires_grad);
    }
}
