using DreamTuner.Studio.Options;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace DreamTuner.Studio.Services.Segmentation;

/// <summary>
/// The optional salient-object model that gives opaque uploads their first mask. "Installed" means a U²-Net-family
/// ONNX file (rembg's u2net, u2netp, silueta exports) at <c>&lt;Engine:ModelsRoot&gt;/</c><see cref="RelativePath"/>.
/// Loaded lazily, once. No file (or no models root) means the feature is off; a file that will not load or run logs
/// one warning and turns the feature off. Either way uploads go on without a model mask.
/// </summary>
public sealed class SegmentationModel(IOptions<ModelFolderOptions> options, ILogger<SegmentationModel> logger) : IDisposable
{
    public const string RelativePath = "segmentation/model.onnx";

    private readonly Lock _gate = new();
    private SaliencySession? _session;
    private bool _loaded;
    private bool _broken;

    /// <summary>
    /// The predicted mask (an 8-bit grayscale PNG of the image's size, white subject), or null when no model is
    /// installed, the model is broken, or it finds no subject. Never throws for a bad model.
    /// </summary>
    /// <param name="encoded">An image that passed the <see cref="Images.ImageInspector"/>.</param>
    public byte[]? PredictMask(ReadOnlySpan<byte> encoded, int width, int height)
    {
        var session = Session();
        if (session is null)
            return null;
        var input = SaliencyInput.FromEncoded(encoded, session.Size);
        if (input is null)
            return null;
        try
        {
            var (map, mapWidth, mapHeight) = session.Run(input);
            return SaliencyMask.FromSaliency(map, mapWidth, mapHeight, width, height);
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException or ArgumentException)
        {
            TurnOff(e);
            return null;
        }
    }

    /// <summary>The loaded model, loading it on first use; null when not installed or broken.</summary>
    private SaliencySession? Session()
    {
        lock (_gate)
        {
            if (_loaded)
                return _broken ? null : _session;
            _loaded = true;
            var root = options.Value.ModelsRoot;
            if (string.IsNullOrWhiteSpace(root))
                return null;
            var path = Path.Combine(root, RelativePath);
            if (!File.Exists(path))
            {
                logger.LogInformation("No segmentation model at {Path}: opaque uploads get no mask until one is painted", path);
                return null;
            }

            try
            {
                _session = SaliencySession.Open(path);
                logger.LogInformation("Segmentation model {Path} loaded ({Size}x{Size} input)", path, _session.Size, _session.Size);
                return _session;
            }
            catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                _broken = true;
                logger.LogWarning(e, "The segmentation model {Path} cannot be used; masks from it are off until it is replaced and the studio restarted", path);
                return null;
            }
        }
    }

    private void TurnOff(Exception e)
    {
        lock (_gate)
        {
            if (_broken)
                return;
            _broken = true;
        }

        logger.LogWarning(e, "The segmentation model failed to run; masks from it are off until it is replaced and the studio restarted");
    }

    public void Dispose()
    {
        lock (_gate)
            _session?.Dispose();
    }
}
