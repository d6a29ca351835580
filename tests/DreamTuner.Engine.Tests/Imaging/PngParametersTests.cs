using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DreamTuner.Engine.Imaging;
using SkiaSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Imaging;

public class PngParametersTests
{
    private static GenerationInfo Sample(string prompt = "a photo of sks dog", string negative = "blurry",
        IEnumerable<KeyValuePair<string, string>>? extra = null) =>
        GenerationInfo.Create(prompt, negative, 20, "dpmpp-2m-karras", 7.5, 42, 512, 512, "abcdef1234", "name", extra);

    [Fact]
    public void Infotext_is_written_in_the_automatic1111_format()
    {
        var info = Sample(extra: [new("Denoising strength", "0.6")]);

        Assert.Equal(
            "a photo of sks dog\nNegative prompt: blurry\n" +
            "Steps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7.5, Seed: 42, Size: 512x512, Model hash: abcdef1234, Model: name, Denoising strength: 0.6",
            PngParameters.Format(info));
    }

    [Fact]
    public void Empty_negative_prompt_leaves_out_its_line_and_whole_cfg_scales_print_as_python_floats()
    {
        var info = GenerationInfo.Create("cat", "", 30, "euler-a", 7, 1, 768, 512, null, null);

        Assert.Equal("cat\nSteps: 30, Sampler: Euler a, CFG scale: 7.0, Seed: 1, Size: 768x512", PngParameters.Format(info));
    }

    [Fact]
    public void Values_with_commas_colons_newlines_or_quotes_are_json_quoted()
    {
        var info = Sample(negative: "", extra: [new("DreamTuner subject", "my dog, \"Rex\"\nline: two")]);

        Assert.EndsWith(", DreamTuner subject: \"my dog, \\\"Rex\\\"\\nline: two\"", PngParameters.Format(info));
    }

    [Theory]
    [InlineData("a photo of sks dog, (high detail:1.2), 8k", "lowres, bad anatomy, \"worst quality\"")]
    [InlineData("first line of the prompt\nsecond line, with a comma\nthird: with a colon", "negative one\nnegative two")]
    [InlineData("un chat noir sur un toit, café, crème brûlée", "")]
    [InlineData("一只猫坐在窗台上, 写真, \"引号\"", "低质量, ぼやけた")]
    [InlineData("emoji 🐶🚀, Ελληνικά, русский", "")]
    public void Prompts_round_trip_through_a_png(string prompt, string negative)
    {
        var extra = new KeyValuePair<string, string>[]
        {
            new("Denoising strength", "0.6"),
            new("DreamTuner subject", "Rex, the \"good\" dog: 日本\nsecond line"),
            new("DreamTuner version", "0.1.0"),
        };
        var info = Sample(prompt, negative, extra);

        var png = PngParameters.Embed(SmallPng(), info);
        var back = PngParameters.Read(png);

        Assert.NotNull(back);
        Assert.Equal(prompt, back.Prompt);
        Assert.Equal(negative, back.NegativePrompt);
        Assert.Equal(info.Settings.ToList(), back.Settings.ToList());
    }

    [Fact]
    public void Latin1_text_goes_in_a_tEXt_chunk_right_after_IHDR_with_a_valid_crc()
    {
        var png = PngParameters.Embed(SmallPng(), Sample("crème brûlée, café"));

        var chunks = Chunks(png);

        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("tEXt", chunks[1].Type);
        Assert.StartsWith("parameters\0crème brûlée, café\n", Encoding.Latin1.GetString(chunks[1].Data));
        Assert.All(chunks, c => Assert.True(c.CrcValid, $"{c.Type} has a bad CRC"));
        Assert.Equal("IEND", chunks[^1].Type);
    }

    [Fact]
    public void Text_beyond_latin1_goes_in_an_uncompressed_iTXt_chunk_as_pillow_writes_it()
    {
        var png = PngParameters.Embed(SmallPng(), Sample("一只猫"));

        var chunk = Chunks(png).Single(c => c.Type == "iTXt");

        Assert.True(chunk.CrcValid);
        Assert.Equal("parameters\0\0\0\0\0"u8.ToArray(), chunk.Data[..15]);
        Assert.StartsWith("一只猫\n", Encoding.UTF8.GetString(chunk.Data[15..]));
    }

    [Fact]
    public void Png_with_parameters_still_decodes_to_the_same_pixels()
    {
        var original = SmallPng();

        var png = PngParameters.Embed(original, Sample());

        using var before = SKBitmap.Decode(original);
        using var after = SKBitmap.Decode(png);
        Assert.NotNull(after);
        Assert.Equal(before.Pixels, after.Pixels);
        using var loaded = ImageTensors.Load(png, multipleOf: 1);
        Assert.Equal([1L, 3, 16, 24], loaded.Pixels.shape);
    }

    [Fact]
    public void Embedding_again_replaces_the_previous_parameters()
    {
        var once = PngParameters.Embed(SmallPng(), Sample("first"));

        var twice = PngParameters.Embed(once, Sample("第二"));

        Assert.Single(Chunks(twice), c => c.Type is "tEXt" or "iTXt");
        Assert.Equal("第二", PngParameters.Read(twice)!.Prompt);
    }

    [Fact]
    public void Png_without_parameters_reads_as_null()
    {
        Assert.Null(PngParameters.ReadText(SmallPng()));
        Assert.Null(PngParameters.Read(File.ReadAllBytes(Path.Combine(Support.TestPaths.Images, "astronaut.png"))));
    }

    [Fact]
    public void Compressed_iTXt_written_by_other_tools_is_read()
    {
        var text = "a castle, 城\nSteps: 20, Sampler: Euler, CFG scale: 7.0, Seed: 3";
        var data = "parameters\0\u0001\0\0\0"u8.ToArray().Concat(Zlib(Encoding.UTF8.GetBytes(text))).ToArray();
        var png = InsertAfterIhdr(SmallPng(), BuildChunk("iTXt", data));

        Assert.Equal(text, PngParameters.ReadText(png));
    }

    [Fact]
    public void Real_automatic1111_infotext_is_parsed()
    {
        const string infotext =
            "masterpiece, best quality, 1girl, (smile:1.2), looking at viewer, <lora:add_detail:0.5>\n" +
            "standing in a field of flowers\n" +
            "Negative prompt: (worst quality, low quality:1.4), easynegative\n" +
            "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234567890, Size: 512x768, Model hash: 6ce0161689, " +
            "Model: v1-5-pruned-emaonly, Denoising strength: 0.45, Clip skip: 2, Hires upscale: 2, Hires upscaler: Latent, " +
            "ADetailer prompt: \"a smiling face,\\nsharp eyes\", Lora hashes: \"add_detail: 7c6bad76eb54\", " +
            "TI hashes: \"easynegative: c74b4e810b03\", Version: v1.6.0";

        var info = PngParameters.Parse(infotext);

        Assert.Equal("masterpiece, best quality, 1girl, (smile:1.2), looking at viewer, <lora:add_detail:0.5>\nstanding in a field of flowers", info.Prompt);
        Assert.Equal("(worst quality, low quality:1.4), easynegative", info.NegativePrompt);
        Assert.Equal(
            ["Steps", "Sampler", "CFG scale", "Seed", "Size", "Model hash", "Model", "Denoising strength", "Clip skip",
             "Hires upscale", "Hires upscaler", "ADetailer prompt", "Lora hashes", "TI hashes", "Version"],
            info.Settings.Keys);
        Assert.Equal("DPM++ 2M Karras", info.Get("Sampler"));
        Assert.Equal("512x768", info.Get("Size"));
        Assert.Equal("a smiling face,\nsharp eyes", info.Get("ADetailer prompt"));
        Assert.Equal("add_detail: 7c6bad76eb54", info.Get("Lora hashes"));
        Assert.Equal("v1.6.0", info.Get("Version"));
        Assert.Equal("dpmpp-2m-karras", A1111SamplerNames.ToScheduler(info.Get("Sampler")!));
    }

    [Fact]
    public void Last_line_with_fewer_than_three_settings_is_part_of_the_prompt()
    {
        var info = PngParameters.Parse("a cat\nstyle: oil, mood: calm");

        Assert.Equal("a cat\nstyle: oil, mood: calm", info.Prompt);
        Assert.Empty(info.Settings);
    }

    [Fact]
    public void Image_made_from_a_tensor_carries_its_parameters()
    {
        var png = ImageTensors.ToPng(zeros(1, 3, 8, 8));

        var tagged = PngParameters.Embed(png, Sample());

        Assert.Equal("42", PngParameters.Read(tagged)!.Get("Seed"));
    }

    private static byte[] SmallPng() => TestImages.Encode(24, 16, SKEncodedImageFormat.Png);

    private sealed record ChunkInfo(string Type, byte[] Data, bool CrcValid);

    /// <summary>Parses the chunk list and checks each CRC with an independent (table-free) CRC-32.</summary>
    private static List<ChunkInfo> Chunks(byte[] png)
    {
        var chunks = new List<ChunkInfo>();
        for (int pos = 8; pos < png.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            var typeAndData = png.AsSpan(pos + 4, 4 + length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            chunks.Add(new ChunkInfo(Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray(), Crc32(typeAndData) == stored));
            pos += 12 + length;
        }
        return chunks;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] BuildChunk(string type, byte[] data)
    {
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var length = new byte[4];
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        return [.. length, .. typeAndData, .. crc];
    }

    private static byte[] InsertAfterIhdr(byte[] png, byte[] chunk) => [.. png[..33], .. chunk, .. png[33..]];

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal))
            z.Write(data);
        return output.ToArray();
    }
}
