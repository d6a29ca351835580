using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Studio.Images;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Segmentation;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.Segmentation;

/// <summary>
/// Character uploads with and without a segmentation model at &lt;Engine:ModelsRoot&gt;/segmentation/model.onnx, against
/// PostgreSQL: each test hosts the studio with its own models folder (the model is a singleton, loaded once per host).
/// </summary>
public sealed class SegmentationMaskUploadTests(StudioFactory factory) : IClassFixture<StudioFactory>, IDisposable
{
    private readonly TempFolder _models = new();

    private WebApplicationFactory<Program> Studio(byte[]? model)
    {
        if (model is not null)
        {
            var path = Path.Combine(_models.Path, SegmentationModel.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, model);
        }

        return factory.WithWebHostBuilder(b => b.UseSetting("Engine:ModelsRoot", _models.Path));
    }

    private static async Task<(StudioScope Scope, Guid ProjectId, StudioUser Editor)> SetUpAsync(WebApplicationFactory<Program> studio)
    {
        var scope = new StudioScope(studio.Services);
        var editor = await scope.CreateUserAsync("editor");
        var project = await scope.Get<ProjectService>().CreateAsync(editor.Id, "Masks", null);
        return (scope, project.Id, editor);
    }

    private static async Task<byte[]> ReadAsync(StudioScope scope, Guid projectId, Guid characterId, Guid userId, bool mask)
    {
        var (content, _) = await scope.Get<CharacterService>().OpenImageAsync(projectId, characterId, userId, mask);
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    private static Task<CharacterInfo> UploadAsync(StudioScope scope, Guid projectId, StudioUser editor, byte[] image) =>
        scope.Get<CharacterService>().CreateAsync(projectId, editor.Id, new CharacterDraft("Block", "toy", null), new MemoryStream(image));

    [Fact]
    public async Task Opaque_upload_gets_its_mask_from_the_installed_segmentation_model_and_the_original_stays_unaltered()
    {
        using var studio = Studio(TinyOnnxModel.RedSaliency());
        var (scope, projectId, editor) = await SetUpAsync(studio);
        await using var _ = scope;
        var image = SegmentationImages.RedSquareOnBlue();

        var created = await UploadAsync(scope, projectId, editor, image);

        Assert.True(created.HasMask);
        Assert.Equal(MaskSource.SegmentationModel, created.MaskSource);
        var mask = await ReadAsync(scope, projectId, created.Id, editor.Id, mask: true);
        using (var bitmap = SKBitmap.Decode(mask))
        {
            Assert.Equal(255, bitmap.GetPixel(32, 32).Red);
            Assert.Equal(0, bitmap.GetPixel(2, 2).Red);
        }

        Assert.True(SegmentationImages.IoU(mask, SegmentationImages.Square) > 0.9);
        Assert.Equal(image, await ReadAsync(scope, projectId, created.Id, editor.Id, mask: false));
        Assert.Equal(MaskSource.SegmentationModel, (await scope.Get<CharacterService>().GetAsync(projectId, created.Id, editor.Id)).MaskSource);
    }

    [Fact]
    public async Task Upload_with_transparency_keeps_its_alpha_mask_even_with_a_model_installed()
    {
        using var studio = Studio(TinyOnnxModel.RedSaliency());
        var (scope, projectId, editor) = await SetUpAsync(studio);
        await using var _ = scope;
        var image = SegmentationImages.RedSquareOnBlueLeftHalfOpaque();

        var created = await UploadAsync(scope, projectId, editor, image);

        Assert.Equal(MaskSource.Alpha, created.MaskSource);
        var mask = await ReadAsync(scope, projectId, created.Id, editor.Id, mask: true);
        Assert.Equal(AlphaMask.FromAlpha(image), mask); // the left half, not the model's square
    }

    [Fact]
    public async Task Upload_without_a_model_installed_has_no_mask_as_before()
    {
        using var studio = Studio(model: null);
        var (scope, projectId, editor) = await SetUpAsync(studio);
        await using var _ = scope;

        var created = await UploadAsync(scope, projectId, editor, SegmentationImages.RedSquareOnBlue());

        Assert.False(created.HasMask);
        Assert.Null(created.MaskSource);
        await using var db = factory.Database.CreateContext();
        Assert.Null((await db.Characters.SingleAsync(c => c.Id == created.Id)).MaskHash);
    }

    [Fact]
    public async Task Upload_with_a_corrupt_model_still_succeeds_without_a_model_mask()
    {
        var junk = new byte[2048];
        new Random(11).NextBytes(junk);
        using var studio = Studio(junk);
        var (scope, projectId, editor) = await SetUpAsync(studio);
        await using var _ = scope;
        var image = SegmentationImages.RedSquareOnBlue();

        var created = await UploadAsync(scope, projectId, editor, image);

        Assert.False(created.HasMask);
        Assert.Null(created.MaskSource);
        Assert.Equal(image, await ReadAsync(scope, projectId, created.Id, editor.Id, mask: false));
    }

    [Fact]
    public async Task Painting_over_a_model_mask_records_the_mask_as_painted()
    {
        using var studio = Studio(TinyOnnxModel.RedSaliency());
        var (scope, projectId, editor) = await SetUpAsync(studio);
        await using var _ = scope;
        var created = await UploadAsync(scope, projectId, editor, SegmentationImages.RedSquareOnBlue());
        using var painting = new SKBitmap(new SKImageInfo(SegmentationImages.Side, SegmentationImages.Side, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(painting))
        {
            canvas.Clear(SKColors.Black);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(new SKRect(10, 10, 50, 50), paint);
        }

        using var png = painting.Encode(SKEncodedImageFormat.Png, 100);
        var saved = await scope.Get<CharacterService>().SaveMaskAsync(projectId, created.Id, editor.Id, new MemoryStream(png.ToArray()));

        Assert.Equal(MaskSource.Painted, saved.MaskSource);
        Assert.NotEqual(created.MaskHash, saved.MaskHash);
    }

    public void Dispose() => _models.Dispose();
}
