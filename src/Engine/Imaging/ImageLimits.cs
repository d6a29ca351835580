using System.Globalization;

namespace DreamTuner.Engine.Imaging;

/// <summary>
/// What an uploaded image may be before it is decoded. The pixel limit guards against decompression
/// bombs: a few KB of PNG can declare a size whose decoded pixels need gigabytes.
/// </summary>
/// <param name="MaxBytes">Largest accepted file.</param>
/// <param name="MaxSide">Largest accepted width or height, in pixels.</param>
/// <param name="MaxPixels">Largest accepted width x height.</param>
public sealed record ImageLimits(long MaxBytes, int MaxSide, long MaxPixels)
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>20 MB, 4096 px per side, 16.8 megapixels (4096 x 4096).</summary>
    public static ImageLimits Default { get; } = new(20 * 1024 * 1024, 4096, 4096L * 4096);

    /// <summary>
    /// Checks size, format and header dimensions without decoding, and returns the header.
    /// Throws <see cref="ImageRejectedException"/> saying which limit was exceeded or what is wrong.
    /// </summary>
    public ImageHeader Check(ReadOnlySpan<byte> data)
    {
        CheckFileSize(data.Length);
        var header = ImageFormatSniffer.ReadHeader(data);
        CheckDimensions(header.Width, header.Height);
        return header;
    }

    /// <summary>Checks only the byte count (e.g. an upload's declared length before reading it).</summary>
    public void CheckFileSize(long bytes)
    {
        if (bytes > MaxBytes)
            throw new ImageRejectedException($"file is {Mb(bytes)} MB; the limit is {Mb(MaxBytes)} MB");
        if (bytes == 0)
            throw new ImageRejectedException("file is empty");
    }

    /// <summary>Checks a width and height against <see cref="MaxSide"/> and <see cref="MaxPixels"/>.</summary>
    public void CheckDimensions(int width, int height)
    {
        if (width > MaxSide || height > MaxSide)
            throw new ImageRejectedException($"image is {width}x{height} px; the limit is {MaxSide} px per side");
        long pixels = (long)width * height;
        if (pixels > MaxPixels)
            throw new ImageRejectedException(
                $"image is {width}x{height} px ({Mp(pixels)} megapixels); the limit is {Mp(MaxPixels)} megapixels");
    }

    private static string Mb(long bytes) => (bytes / Megabyte).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Mp(long pixels) => (pixels / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}
