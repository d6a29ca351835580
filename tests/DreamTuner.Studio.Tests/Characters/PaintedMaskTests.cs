using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Images;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.Characters;

/// <summary>Saving a mask painted in the browser: a new grey mask blob, the reference untouched, bad paintings refused.</summary>
public sealed class PaintedMaskTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private async Task<(StudioScope Scope, Guid ProjectId, StudioUser Editor, StudioUser Viewer, CharacterInfo Character, byte[] Reference)> SetUpAsync()
    {
        var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var viewer = await scope.CreateUserAsync("viewer");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Masks", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);
        var reference = TestImages.Read("chelsea.png");
        var character = await scope.Get<CharacterService>().CreateAsync(project.Id, editor.Id, new CharacterDraft("Chelsea", "cat", null), new MemoryStream(reference));
        return (scope, project.Id, editor, viewer, character, reference);
    }

    /// <summary>What the browser exports: RGBA, white rectangle (the subject) on black.</summary>
    private static byte[] Painting(int width, int height, SKRectI subject)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(subject, paint);
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    [Fact]
    public async Task Painted_mask_is_stored_as_a_new_grey_mask_and_the_reference_stays_byte_for_byte()
    {
        var (scope, projectId, editor, _, character, reference) = await SetUpAsync();
        await using var _ = scope;
        Assert.False(character.HasMask);
        var (w, h) = (451, 300); // chelsea.png

        var saved = await scope.Get<CharacterService>().SaveMaskAsync(projectId, character.Id, editor.Id,
            new MemoryStream(Painting(w, h, new SKRectI(100, 50, 300, 250))));

        Assert.True(saved.HasMask);
        var (maskStream, _) = await scope.Get<CharacterService>().OpenImageAsync(projectId, character.Id, editor.Id, mask: true);
        using var mask = SKBitmap.Decode(maskStream);
        Assert.Equal((w, h), (mask.Width, mask.Height));
        Assert.Equal(SKColorType.Gray8, mask.ColorType);
        Assert.Equal(255, mask.GetPixel(200, 150).Red);
        Assert.Equal(0, mask.GetPixel(10, 10).Red);
        var (imageStream, _) = await scope.Get<CharacterService>().OpenImageAsync(projectId, character.Id, editor.Id, mask: false);
        using var copy = new MemoryStream();
        await using (imageStream)
            await imageStream.CopyToAsync(copy);
        Assert.Equal(reference, copy.ToArray());
        await using var db = factory.Database.CreateContext();
        Assert.True(await db.Activities.AnyAsync(a => a.EntityId == character.Id && a.Kind == ActivityKind.CharacterUpdated));
        Assert.True(scope.Get<IBlobStore>().Exists(saved.MaskHash!));
    }

    [Theory]
    [InlineData("wrong-size", "the mask is 100x100 px but the image is 451x300 px")]
    [InlineData("empty", "the mask is empty")]
    [InlineData("jpeg", "a mask must be a PNG")]
    public async Task Bad_painting_is_refused_with_the_reason_and_the_old_mask_stays(string kind, string expected)
    {
        var (scope, projectId, editor, _, character, _) = await SetUpAsync();
        await using var _ = scope;
        var bytes = kind switch
        {
            "wrong-size" => Painting(100, 100, new SKRectI(10, 10, 50, 50)),
            "empty" => Painting(451, 300, SKRectI.Empty),
            _ => TestImages.Read("rocket.jpg"),
        };

        var e = await Assert.ThrowsAsync<ImageRejectedException>(() =>
            scope.Get<CharacterService>().SaveMaskAsync(projectId, character.Id, editor.Id, new MemoryStream(bytes)));

        Assert.Contains(expected, e.Message);
        Assert.False((await scope.Get<CharacterService>().GetAsync(projectId, character.Id, editor.Id)).HasMask);
    }

    [Fact]
    public async Task Viewer_cannot_save_a_mask()
    {
        var (scope, projectId, _, viewer, character, _) = await SetUpAsync();
        await using var _ = scope;
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => scope.Get<CharacterService>().SaveMaskAsync(
            projectId, character.Id, viewer.Id, new MemoryStream(Painting(451, 300, new SKRectI(0, 0, 10, 10)))));
    }
}
