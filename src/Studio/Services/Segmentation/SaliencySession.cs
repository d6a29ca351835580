using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DreamTuner.Studio.Services.Segmentation;

/// <summary>
/// One loaded saliency model: its first input (NCHW float [1,3,S,S]; S from the metadata, <see cref="DynamicSize"/>
/// when dynamic) and its first output (the saliency map [1,1,H,W]). ONNX Runtime's Run is thread-safe.
/// </summary>
public sealed class SaliencySession : IDisposable
{
    /// <summary>U²-Net's resolution, used when the model leaves its spatial size open.</summary>
    public const int DynamicSize = 320;

    private readonly InferenceSession _session;
    private readonly string _inputName;

    private SaliencySession(InferenceSession session, string inputName, int size)
    {
        _session = session;
        _inputName = inputName;
        Size = size;
    }

    /// <summary>The square side the model takes.</summary>
    public int Size { get; }

    /// <exception cref="OnnxRuntimeException">Not an ONNX model ONNX Runtime can load.</exception>
    /// <exception cref="InvalidDataException">A model, but not one with an image input of shape [1,3,S,S].</exception>
    public static SaliencySession Open(string path)
    {
        var session = new InferenceSession(path);
        try
        {
            var (name, input) = session.InputMetadata.First();
            var dims = input.Dimensions;
            if (input.ElementDataType != TensorElementType.Float || dims.Length != 4 || dims[1] is not (3 or -1))
                throw new InvalidDataException($"the model's input {name} is not a float image [1,3,S,S] (it is {input.ElementDataType} [{string.Join(",", dims)}])");
            var size = dims[2] > 0 ? dims[2] : dims[3] > 0 ? dims[3] : DynamicSize;
            return new SaliencySession(session, name, size);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs the model on an NCHW input of <see cref="Size"/>; the first output as a row-major map.</summary>
    /// <exception cref="InvalidDataException">The first output is not a float map with at least two dimensions.</exception>
    public (float[] Map, int Width, int Height) Run(float[] nchw)
    {
        var input = new DenseTensor<float>(nchw, [1, 3, Size, Size]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, input)]);
        var output = results[0].AsTensor<float>()
            ?? throw new InvalidDataException("the model's first output is not a float tensor");
        var dims = output.Dimensions;
        if (dims.Length < 2)
            throw new InvalidDataException($"the model's first output has shape [{string.Join(",", dims.ToArray())}], not a map");
        int height = dims[^2], width = dims[^1];
        var values = output.ToArray();
        // [1,1,H,W] holds exactly H*W values; a [1,C,H,W] output's first channel is the first H*W of them.
        return (values.AsSpan(0, width * height).ToArray(), width, height);
    }

    public void Dispose() => _session.Dispose();
}
