using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Segmentation;

/// <summary>
/// Salient-object segmentation with an IS-Net ONNX model (the paper uses a SOD model for the reference mask),
/// run with ONNX Runtime on the CPU. Optional: <c>scripts/fetch-isnet.sh</c> installs it under
/// <c>&lt;ModelsRoot&gt;/segmentation/</c>. Preprocessing follows the model's distribution in
/// @imgly/background-removal: bilinear resize to the model's square input, (x·255 − 128) / 256 per channel; the output
/// is a [0,1] saliency map, resized back to the image.
/// </summary>
public sealed class OnnxSaliencySegmenter : IForegroundSegmenter, IDisposable
{
    public const string DefaultRelativePath = "segmentation/isnet-small.onnx";

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly int _size;

    public OnnxSaliencySegmenter(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new CheckpointException($"Segmentation model not found: {modelPath} (scripts/fetch-isnet.sh installs one)");
        try
        {
            _session = new InferenceSession(modelPath);
        }
        catch (OnnxRuntimeException e)
        {
            throw new CheckpointException($"{modelPath} is not a usable ONNX model: {e.Message}", e);
        }
        var input = _session.InputMetadata.First();
        _inputName = input.Key;
        var dims = input.Value.Dimensions;
        // Dynamic spatial dimensions (-1) fall back to IS-Net's training resolution.
        _size = dims.Length == 4 && dims[2] > 0 ? dims[2] : 1024;
    }

    /// <summary>The segmenter at <c>&lt;modelsRoot&gt;/segmentation/isnet-*.onnx</c>, or null when none is installed.</summary>
    public static OnnxSaliencySegmenter? TryLoad(string modelsRoot)
    {
        var dir = Path.Combine(modelsRoot, "segmentation");
        if (!Directory.Exists(dir)) return null;
        var model = Directory.GetFiles(dir, "isnet*.onnx").OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        return model is null ? null : new OnnxSaliencySegmenter(model);
    }

    /// <summary>Alpha, when the image has it, is a better answer than a guess: leave it to the alpha segmenter.</summary>
    public Tensor? Segment(Tensor image01, Tensor? alpha)
    {
        if (alpha is not null) return null;
        using var scope = NewDisposeScope();
        long h = image01.shape[2], w = image01.shape[3];
        var resized = nn.functional.interpolate(image01.to(ScalarType.Float32).cpu(), [_size, _size],
            mode: InterpolationMode.Bilinear, align_corners: false);
        var normalised = ((resized * 255 - 128) / 256).contiguous();
        var input = new DenseTensor(normalised.data<float>().ToArray(), [1, 3, _size, _size]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, input)]);
        var output = results.First().AsTensor<float>();
        var map = tensor(output.ToArray(), [1, 1, output.Dimensions[^2], output.Dimensions[^1]]);
        var mask = nn.functional.interpolate(map, [h, w], mode: InterpolationMode.Bilinear, align_corners: false).clamp(0, 1);
        return mask.to(image01.device).MoveToOuterDisposeScope();
    }

    public void Dispose() => _session.Dispose();
}
