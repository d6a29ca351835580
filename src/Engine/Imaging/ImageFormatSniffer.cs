using System.Buffers.Binary;

namespace DreamTuner.Engine.Imaging;

/// <summary>
/// Decides PNG / JPEG / WebP from the magic bytes (never the file name) and reads the stored size from the
/// header, so an image can be refused before a decoder allocates memory for it.
/// </summary>
public static class ImageFormatSniffer
{
    public const string NotAnImage = "not a PNG, JPEG or WebP image";

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format from the first bytes, or null if it is none of the accepted ones.</summary>
    public static ImageFormat? DetectFormat(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
            return ImageFormat.Png;
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            return ImageFormat.Jpeg;
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
            return ImageFormat.Webp;
        return null;
    }

    /// <summary>Format and size from the header. Throws <see cref="ImageRejectedException"/> if unknown or damaged.</summary>
    public static ImageHeader ReadHeader(ReadOnlySpan<byte> data)
    {
        var format = DetectFormat(data) ?? throw new ImageRejectedException(NotAnImage);
        var size = format switch
        {
            ImageFormat.Png => ReadPngSize(data),
            ImageFormat.Jpeg => ReadJpegSize(data),
            _ => ReadWebpSize(data),
        };
        if (size is not var (width, height) || width <= 0 || height <= 0)
            throw new ImageRejectedException($"the {Name(format)} header is truncated or damaged");
        return new ImageHeader(format, width, height);
    }

    internal static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Png => "PNG",
        ImageFormat.Jpeg => "JPEG",
        _ => "WebP",
    };

    private static (int, int)? ReadPngSize(ReadOnlySpan<byte> data)
    {
        // The first chunk must be IHDR: length(4) type(4) width(4) height(4), big-endian.
        if (data.Length < 24 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
            return null;
        uint width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        return width > int.MaxValue || height > int.MaxValue ? null : ((int)width, (int)height);
    }

    private static (int, int)? ReadJpegSize(ReadOnlySpan<byte> data)
    {
        // Walk the marker segments up to the first start-of-frame; its header holds the size.
        int pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
                return null;
            byte marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }
            pos += 2;
            if (marker is 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7))
                continue; // standalone markers carry no length
            if (marker is 0xD9 or 0xDA)
                return null; // end of image or scan data before any frame header
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2)
                return null;
            bool startOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (startOfFrame)
            {
                // length(2) precision(1) height(2) width(2)
                if (pos + 7 > data.Length)
                    return null;
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 3)..]));
            }
            pos += length;
        }
        return null;
    }

    private static (int, int)? ReadWebpSize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
            return null;
        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
            return (ReadUInt24(data[24..]) + 1, ReadUInt24(data[27..]) + 1);
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[20] != 0x2F)
                return null;
            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
            if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
                return null;
            return (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }
        return null;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);
}
