using System.Buffers.Binary;
using System.IO.Hashing;

namespace DreamTuner.Engine.Imaging;

/// <summary>Walks and edits the chunk list of a PNG file (length, type, data, CRC-32 over type and data).</summary>
internal static class PngChunks
{
    private const int SignatureLength = 8;

    /// <summary>One chunk: its type and the position of its data in the file.</summary>
    internal readonly record struct Chunk(string Type, int Start, int DataOffset, int DataLength)
    {
        /// <summary>Offset just past the chunk's CRC.</summary>
        public int End => DataOffset + DataLength + 4;
    }

    public static List<Chunk> Read(ReadOnlySpan<byte> png)
    {
        if (ImageFormatSniffer.DetectFormat(png) != ImageFormat.Png)
            throw new ImageRejectedException("not a PNG image");
        var chunks = new List<Chunk>();
        int pos = SignatureLength;
        while (pos + 12 <= png.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png[pos..]);
            if (length > int.MaxValue || pos + 12L + length > png.Length)
                throw new ImageRejectedException("the PNG file is truncated or damaged");
            var type = System.Text.Encoding.ASCII.GetString(png.Slice(pos + 4, 4));
            chunks.Add(new Chunk(type, pos, pos + 8, (int)length));
            pos += 12 + (int)length;
            if (type == "IEND")
                break;
        }
        if (chunks.Count == 0 || chunks[0].Type != "IHDR" || chunks[^1].Type != "IEND")
            throw new ImageRejectedException("the PNG file is truncated or damaged");
        return chunks;
    }

    /// <summary>A complete chunk: length, type, data and the CRC-32 of type and data.</summary>
    public static byte[] Build(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4, 4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>
    /// Returns a copy of <paramref name="png"/> without the chunks <paramref name="remove"/> selects and with
    /// <paramref name="newChunk"/> right after IHDR, where Pillow (and so A1111) writes its text chunks.
    /// </summary>
    public static byte[] InsertAfterHeader(ReadOnlySpan<byte> png, byte[] newChunk, Func<Chunk, bool> remove)
    {
        var chunks = Read(png);
        using var output = new MemoryStream(png.Length + newChunk.Length);
        output.Write(png[..SignatureLength]);
        foreach (var chunk in chunks)
        {
            if (remove(chunk))
                continue;
            output.Write(png[chunk.Start..chunk.End]);
            if (chunk.Type == "IHDR")
                output.Write(newChunk);
        }
        return output.ToArray();
    }
}
