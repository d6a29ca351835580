using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>The sample photographs (tests/data/images) and hand-made images at the edges of the limits.</summary>
public static class TestImages
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "images", name));

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "images", name);

    /// <summary>A real, decodable PNG of the given size (grey, opaque).</summary>
    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.Gray);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// A decompression bomb in miniature: a few hundred bytes of valid PNG structure whose header claims
    /// width x height pixels (30000 x 30000 = 900 megapixels, 3.6 GB decoded as RGBA).
    /// </summary>
    public static byte[] PngBomb(int width = 30000, int height = 30000)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8; // bit depth
        header[9] = 0; // grayscale
        WriteChunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
                z.Write(new byte[4096]); // the start of the first rows; a real bomb would go on for gigabytes
            WriteChunk(output, "IDAT", compressed.ToArray());
        }

        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc.GetCurrentHashAsUInt32());
        output.Write(sum);
    }
}
