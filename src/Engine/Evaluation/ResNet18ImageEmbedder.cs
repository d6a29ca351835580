using DreamTuner.Engine.Checkpoints;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Evaluation;

/// <summary>
/// ImageNet ResNet-18 features, the identity score's independent embedder (it shares nothing with the generator, so
/// the model cannot flatter itself). The weights are the ONNX export shipped in the NuGet package
/// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> 0.23.1 (MIT; CNTK's ImageNet ResNet-18), copied by the engine's
/// build to <c>evaluation/resnet18/</c> beside the engine.
/// <para>
/// Preprocessing is the one these weights were trained with, which is not torchvision's mean/std: the shortest side
/// is resized to 224 (antialiased bilinear) and a centred 224 square is cut, pixels are scaled to [0, 255] RGB, and
/// the package's own <c>ResNetPreprocess.onnx</c> reorders them to BGR and subtracts the per-pixel ImageNet mean image
/// (CNTK/Caffe convention: no division by a std).
/// </para>
/// <para>
/// The feature vector is the network's output <c>Pooling395_Output_0</c>: the 512-channel global average pool after
/// the last residual stage, before the 1000-way classifier (ML.NET's DnnImageFeaturizer uses the same output). Its
/// values are non-negative (it follows a ReLU), so cosines between unrelated images stay well above zero.
/// </para>
/// </summary>
public sealed class ResNet18ImageEmbedder : IImageEmbedder, IDisposable
{
    public const string DefaultFolder = "evaluation/resnet18";
    public const string ModelFileName = "ResNet18.onnx";
    public const string PreprocessFileName = "ResNetPreprocess.onnx";
    public const int ImageSize = 224;
    public const int FeatureLength = 512;

    private readonly InferenceSession _preprocess;
    private readonly InferenceSession _network;
    private readonly string _preprocessInput;
    private readonly string _networkInput;

    private ResNet18ImageEmbedder(InferenceSession preprocess, InferenceSession network)
    {
        _preprocess = preprocess;
        _network = network;
        _preprocessInput = preprocess.InputMetadata.Keys.Single();
        _networkInput = network.InputMetadata.Keys.Single();
    }

    /// <summary>The models in <c>evaluation/resnet18/</c> beside the running engine (where its build copies them).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, DefaultFolder);

    /// <summary>Loads <c>ResNet18.onnx</c> and <c>ResNetPreprocess.onnx</c> from <paramref name="dir"/>.</summary>
    /// <exception cref="CheckpointException">A file is missing or not a usable ONNX model.</exception>
    public static ResNet18ImageEmbedder FromFolder(string dir)
    {
        var preprocess = Open(Path.Combine(dir, PreprocessFileName));
        try
        {
            return new ResNet18ImageEmbedder(preprocess, Open(Path.Combine(dir, ModelFileName)));
        }
        catch
        {
            preprocess.Dispose();
            throw;
        }
    }

    /// <summary>The embedder from <see cref="DefaultPath"/>, or null when the models are not there.</summary>
    public static ResNet18ImageEmbedder? TryLoadDefault() =>
        File.Exists(Path.Combine(DefaultPath, ModelFileName)) && File.Exists(Path.Combine(DefaultPath, PreprocessFileName))
            ? FromFolder(DefaultPath)
            : null;

    public float[] Embed(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dim() != 3 || image.shape[0] != 3)
            throw new ArgumentException($"image must be [3, height, width], got [{string.Join(", ", image.shape)}]", nameof(image));
        float[] pixels;
        using (NewDisposeScope())
        using (no_grad())
        {
            var rgb = CentreSquare(image.to(ScalarType.Float32).cpu().unsqueeze(0));
            pixels = (rgb.clamp(0, 1) * 255).contiguous().data<float>().ToArray();
        }

        var input = new DenseTensor(pixels, [1, 3, ImageSize, ImageSize]);
        using var prepared = _preprocess.Run([NamedOnnxValue.CreateFromTensor(_preprocessInput, input)]);
        var bgr = prepared.First().AsTensor<float>();
        using var features = _network.Run([NamedOnnxValue.CreateFromTensor(_networkInput, bgr)]);
        var vector = features.First().AsTensor<float>().ToArray();
        if (vector.Length != FeatureLength)
            throw new InvalidOperationException($"ResNet-18 gave {vector.Length} features, expected {FeatureLength}");
        return vector;
    }

    public void Dispose()
    {
        _preprocess.Dispose();
        _network.Dispose();
    }

    /// <summary>ImageNet's evaluation view without the 256→224 margin: the subject may touch the image's edges.</summary>
    private static Tensor CentreSquare(Tensor images)
    {
        long height = images.shape[2], width = images.shape[3];
        var scale = (double)ImageSize / Math.Min(height, width);
        long[] size = [Math.Max(ImageSize, (long)Math.Round(height * scale)), Math.Max(ImageSize, (long)Math.Round(width * scale))];
        var resized = size[0] == height && size[1] == width
            ? images
            : nn.functional.interpolate(images, size, mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
        return resized.narrow(2, (size[0] - ImageSize) / 2, ImageSize).narrow(3, (size[1] - ImageSize) / 2, ImageSize);
    }

    private static InferenceSession Open(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException(
                $"ResNet-18 model not found: {path} (the engine's build copies it from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18)");
        try
        {
            return new InferenceSession(path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new CheckpointException($"{path} is not a usable ONNX model: {e.Message}", e);
        }
    }
}
