using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vision;

/// <summary>
/// Patchify, prepend the class token and add learned positions (transformers <c>CLIPVisionEmbeddings</c>).
/// </summary>
public sealed class ClipVisionEmbeddings : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "class_embedding")] private readonly Parameter _classEmbedding;
    [ComponentName(Name = "patch_embedding")] private readonly Conv2d _patchEmbedding;
    [ComponentName(Name = "position_embedding")] private readonly Embedding _positionEmbedding;
    private readonly ClipVisionConfig _config;

    public ClipVisionEmbeddings(ClipVisionConfig config) : base(nameof(ClipVisionEmbeddings))
    {
        _config = config;
        _classEmbedding = new Parameter(randn(config.HiddenSize));
        _patchEmbedding = nn.Conv2d(config.NumChannels, config.HiddenSize, config.PatchSize, stride: config.PatchSize,
            bias: false);
        _positionEmbedding = nn.Embedding(config.NumPositions, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor pixelValues)
    {
        if (pixelValues.dim() != 4 || pixelValues.shape[1] != _config.NumChannels
            || pixelValues.shape[2] != _config.ImageSize || pixelValues.shape[3] != _config.ImageSize)
            throw new ArgumentException(
                $"pixel values must be [batch, {_config.NumChannels}, {_config.ImageSize}, {_config.ImageSize}] " +
                $"(use ClipImagePreprocessor), got [{string.Join(", ", pixelValues.shape)}]", nameof(pixelValues));
        using var scope = NewDisposeScope();
        var batch = pixelValues.shape[0];
        var weight = _patchEmbedding.weight!;
        var patches = _patchEmbedding.forward(pixelValues.to(weight.dtype)).flatten(2).transpose(1, 2);
        var cls = _classEmbedding.to(patches.dtype).expand(batch, 1, -1);
        var positions = arange(_config.NumPositions, dtype: int64, device: pixelValues.device).unsqueeze(0);
        return (cat([cls, patches], 1) + _positionEmbedding.forward(positions)).MoveToOuterDisposeScope();
    }
}
