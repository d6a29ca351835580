using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Engine.Imaging;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace DreamTuner.Jobs.Tests.GenerationKinds;

/// <summary>Shared steps of the generation-kind tests: small images, blobs, characters, and reading a stored PNG's parameters.</summary>
internal static class GenerationKindsWorld
{
    /// <summary>A gradient PNG; with <paramref name="transparentBorder"/> the outer quarter is transparent (an RGBA subject cut-out).</summary>
    public static byte[] Png(int width, int height, bool transparentBorder = false, byte blue = 128)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                bool outside = x < width / 4 || x >= width * 3 / 4 || y < height / 4 || y >= height * 3 / 4;
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), blue,
                    transparentBorder && outside ? (byte)0 : (byte)255));
            }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static async Task<string> BlobAsync(JobsWorld world, byte[] bytes, string contentType = "image/png")
    {
        await using var db = world.Db();
        var recorder = new BlobRecorder(db, world.Studio.Services.GetRequiredService<IBlobStore>());
        var blob = await recorder.StoreAsync(new MemoryStream(bytes), contentType);
        return blob.Hash;
    }

    public static async Task<Character> CharacterAsync(JobsWorld world, Project project, string name, string token, byte[] reference)
    {
        var hash = await BlobAsync(world, reference);
        await using var db = world.Db();
        var character = new Character
        {
            ProjectId = project.Id, Name = name, ClassWord = "fox", Token = token, ReferenceImageHash = hash,
            CreatedAt = TestClock.Now(), UpdatedAt = TestClock.Now(),
        };
        db.Characters.Add(character);
        await db.SaveChangesAsync();
        return character;
    }

    public static async Task<byte[]> ImageBytesAsync(JobsWorld world, Image image)
    {
        await using var png = world.Studio.Services.GetRequiredService<IBlobStore>().OpenRead(image.BlobHash);
        using var bytes = new MemoryStream();
        await png.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    public static async Task<GenerationInfo> ParametersAsync(JobsWorld world, Image image) =>
        PngParameters.Read(await ImageBytesAsync(world, image)) ?? throw new InvalidOperationException("the PNG has no parameters chunk");
}
