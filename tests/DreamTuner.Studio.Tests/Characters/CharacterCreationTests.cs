using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Images;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Tests.Characters;

/// <summary>Creating a character from one uploaded image, against PostgreSQL and a real blob folder.</summary>
public sealed class CharacterCreationTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private async Task<(StudioScope Scope, Guid ProjectId, StudioUser Editor)> SetUpAsync()
    {
        var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Pets", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        return (scope, project.Id, editor);
    }

    [Fact]
    public async Task Png_renamed_jpg_is_stored_unaltered_as_png_with_a_character_row()
    {
        var (scope, projectId, editor) = await SetUpAsync();
        await using var _ = scope;
        var bytes = TestImages.Read("chelsea.png"); // the browser would call it "chelsea.jpg"; the name never reaches the server's decision

        var created = await scope.Get<CharacterService>().CreateAsync(projectId, editor.Id, new CharacterDraft(" Chelsea ", "Cat", "a tabby cat"), new MemoryStream(bytes));

        Assert.Equal("image/png", created.ReferenceContentType);
        Assert.Equal(("Chelsea", "cat", "a tabby cat", "[S1*]"), (created.Name, created.ClassWord, created.Caption, created.Token));
        Assert.False(created.HasMask);
        await using var db = factory.Database.CreateContext();
        var row = await db.Characters.Include(c => c.ReferenceImage).SingleAsync(c => c.Id == created.Id);
        Assert.Equal("image/png", row.ReferenceImage!.ContentType);
        Assert.Equal(bytes.Length, row.ReferenceImage.Size);
        await using var stored = scope.Get<IBlobStore>().OpenRead(row.ReferenceImageHash);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.True(await db.Activities.AnyAsync(a => a.EntityId == created.Id && a.Kind == ActivityKind.CharacterCreated));
    }

    [Fact]
    public async Task Image_with_a_transparent_background_gets_a_mask()
    {
        var (scope, projectId, editor) = await SetUpAsync();
        await using var _ = scope;
        var created = await scope.Get<CharacterService>().CreateAsync(
            projectId, editor.Id, new CharacterDraft("Horse", "horse", null), new MemoryStream(TestImages.Read("horse-cutout.png")));
        Assert.True(created.HasMask);
        var (mask, type) = await scope.Get<CharacterService>().OpenImageAsync(projectId, created.Id, editor.Id, mask: true);
        await using (mask)
            Assert.Equal("image/png", type);
    }

    [Theory]
    [InlineData("text", "not a PNG, JPEG or WebP image")]
    [InlineData("wide", "4096 px per side")]
    [InlineData("bomb", "megapixels")]
    [InlineData("huge", "the limit is 20 MB")]
    public async Task Refused_uploads_say_which_limit_and_leave_nothing_behind(string kind, string expected)
    {
        var (scope, projectId, editor) = await SetUpAsync();
        await using var _ = scope;
        byte[] bytes = kind switch
        {
            "text" => "hello, I am a text file named cat.png"u8.ToArray(),
            "wide" => TestImages.Png(4097, 4),
            "bomb" => TestImages.PngBomb(),
            _ => new byte[(20 * 1024 * 1024) + 10],
        };
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => scope.Get<CharacterService>().CreateAsync(
            projectId, editor.Id, new CharacterDraft("X", "cat", null), new MemoryStream(bytes)));
        Assert.Contains(expected, e.Message);
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.Characters.AnyAsync(c => c.ProjectId == projectId));
    }
}
