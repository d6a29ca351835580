using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>
/// The folder subject-encoder pretraining reads (paper section 3.1, appendix A: LAION / Danbooru images): every image
/// file at the top level, with optional <c>NAME.txt</c> captions, <c>NAME.mask.png</c> masks and <c>NAME.depth.png</c>
/// depth maps beside it. Images without a mask get one from the segmenters (alpha, then an optional IS-Net model, then
/// the whole image). Images are read from disk when drawn, so the folder may be larger than memory;
/// <see cref="Validate"/> decodes everything once up front, so a broken file stops the run before training starts.
/// </summary>
public sealed class PretrainingDataset
{
    public const string MaskSuffix = ".mask";
    public const string DepthSuffix = ".depth";
    public const string CaptionExtension = ".txt";

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"];

    private PretrainingDataset(string dir, IReadOnlyList<PretrainingExample> examples)
    {
        Directory = dir;
        Examples = examples;
    }

    public string Directory { get; }
    public IReadOnlyList<PretrainingExample> Examples { get; }
    public int Count => Examples.Count;
    public bool HasDepth => Examples.Any(e => e.DepthPath is not null);

    /// <summary>Finds the images of <paramref name="dir"/> (sorted by name, so the order and thus a seed's draws are stable).</summary>
    public static PretrainingDataset Scan(string dir)
    {
        if (!System.IO.Directory.Exists(dir))
            throw new PretrainingDataException($"data folder not found: {dir}");
        var files = System.IO.Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var examples = new List<PretrainingExample>();
        foreach (var file in files)
        {
            if (!IsImage(file)) continue;
            var stem = Path.GetFileNameWithoutExtension(file);
            if (stem.EndsWith(MaskSuffix, StringComparison.OrdinalIgnoreCase) || stem.EndsWith(DepthSuffix, StringComparison.OrdinalIgnoreCase))
                continue;
            var basePath = Path.Combine(dir, stem);
            var caption = File.Exists(basePath + CaptionExtension) ? File.ReadAllText(basePath + CaptionExtension).Trim() : "";
            examples.Add(new PretrainingExample(file, caption, FindSibling(files, basePath + MaskSuffix), FindSibling(files, basePath + DepthSuffix)));
        }
        if (examples.Count == 0)
            throw new PretrainingDataException($"{dir} holds no images ({string.Join(", ", ImageExtensions)}); put the training images at its top level.");
        return new PretrainingDataset(dir, examples);
    }

    /// <summary>Decodes every image, mask and depth map once; the first broken one is a <see cref="PretrainingDataException"/>.</summary>
    public PretrainingDataset Validate()
    {
        foreach (var example in Examples)
        {
            using var scope = NewDisposeScope();
            var image = Decode(example.ImagePath, "image");
            foreach (var (what, path) in new[] { ("mask", example.MaskPath), ("depth map", example.DepthPath) })
            {
                if (path is null) continue;
                var other = Decode(path, what);
                if (other.Width != image.Width || other.Height != image.Height)
                    throw new PretrainingDataException(
                        $"{Path.GetFileName(path)}: the {what} is {other.Width}x{other.Height} but {example.Name} is {image.Width}x{image.Height}.");
            }
        }
        return this;
    }

    /// <summary>
    /// Example <paramref name="index"/> centre-cropped to a square and resized to <paramref name="resolution"/>; its mask
    /// from the file, else from the first segmenter that answers (the whole image when none does).
    /// </summary>
    public PretrainingSample Load(int index, int resolution, IReadOnlyList<IForegroundSegmenter> segmenters)
    {
        var example = Examples[index];
        using var scope = NewDisposeScope();
        var image = Decode(example.ImagePath, "image");
        Tensor? mask = example.MaskPath is { } maskPath ? Decode(maskPath, "mask").Pixels[.., ..1] : null;
        mask ??= segmenters.Select(s => s.Segment(image.Pixels, image.Alpha)).FirstOrDefault(m => m is not null)
                 ?? WholeImageForegroundSegmenter.Instance.Segment(image.Pixels, null)!;
        var depth = example.DepthPath is { } depthPath ? Decode(depthPath, "depth map").Pixels : null;
        var sample = new PretrainingSample(
            Square(image.Pixels, resolution).MoveToOuterDisposeScope(),
            Square(mask.to(ScalarType.Float32), resolution).MoveToOuterDisposeScope(),
            depth is null ? null : Square(depth, resolution).MoveToOuterDisposeScope(),
            example.Caption);
        return sample;
    }

    /// <summary>The largest centred square, resized; values are clamped because Lanczos overshoots at edges.</summary>
    private static Tensor Square(Tensor pixels, int resolution)
    {
        long h = pixels.shape[2], w = pixels.shape[3], side = Math.Min(h, w);
        var cropped = pixels[.., .., TensorIndex.Slice((h - side) / 2, (h - side) / 2 + side),
            TensorIndex.Slice((w - side) / 2, (w - side) / 2 + side)];
        return ImageTensors.Resize(cropped, resolution, resolution).clamp(0, 1);
    }

    private static LoadedImage Decode(string path, string what)
    {
        try
        {
            return ImageTensors.Load(File.ReadAllBytes(path), PixelRange.ZeroToOne, multipleOf: 1);
        }
        catch (Exception e) when (e is ImageRejectedException or IOException or UnauthorizedAccessException)
        {
            throw new PretrainingDataException($"{Path.GetFileName(path)}: cannot read the {what}: {e.Message}", e);
        }
    }

    private static bool IsImage(string file) => ImageExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);

    private static string? FindSibling(IEnumerable<string> files, string stemPath) =>
        files.FirstOrDefault(f => IsImage(f) && string.Equals(Path.Combine(Path.GetDirectoryName(f)!, Path.GetFileNameWithoutExtension(f)), stemPath, StringComparison.Ordinal));
}
