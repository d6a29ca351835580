using DreamTuner.Data.Entities;
using DreamTuner.Studio.Images;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Studio.Tests.Characters;

/// <summary>
/// The abuse cases with real bytes through the character service: each refusal names the limit, and nothing
/// is stored (no blob file, no blob row, no character row). The type comes from the bytes; the name never reaches the server.
/// </summary>
public sealed class UploadAbuseTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private async Task<(StudioScope Scope, Guid ProjectId, StudioUser Editor)> SetUpAsync()
    {
        var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Abuse", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        return (scope, project.Id, editor);
    }

    [Theory]
    [InlineData("truncated-png", "truncated or damaged")]
    [InlineData("png-header-10000x10000", "10000x10000 px (100.0 megapixels); the limit is 16.8 megapixels")]
    [InlineData("50-mb", "the limit is 20 MB")]
    [InlineData("text-named-png", ImageInspector.NotAnImage)]
    public async Task Refused_upload_names_the_limit_and_stores_no_blob_and_no_character(string kind, string expected)
    {
        var (scope, projectId, editor) = await SetUpAsync();
        await using var _ = scope;
        var bytes = UploadAbuseFiles.Bytes(kind);
        var blobsBefore = BlobFiles();
        int rowsBefore;
        await using (var db = factory.Database.CreateContext())
            rowsBefore = await db.Blobs.CountAsync();

        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => scope.Get<CharacterService>().CreateAsync(
            projectId, editor.Id, new CharacterDraft("X", "horse", null), new MemoryStream(bytes)));

        Assert.Contains(expected, e.Message);
        await using var after = factory.Database.CreateContext();
        Assert.False(await after.Characters.AnyAsync(c => c.ProjectId == projectId));
        Assert.Equal(rowsBefore, await after.Blobs.CountAsync());
        Assert.Equal(blobsBefore, BlobFiles());
    }

    [Fact]
    public async Task Jpeg_bytes_named_png_are_accepted_as_jpeg_and_stored_unaltered()
    {
        var (scope, projectId, editor) = await SetUpAsync();
        await using var _ = scope;
        var bytes = UploadAbuseFiles.Bytes("jpeg-named-png");

        var created = await scope.Get<CharacterService>().CreateAsync(projectId, editor.Id, new CharacterDraft("Rocket", "rocket", null), new MemoryStream(bytes));

        Assert.Equal("image/jpeg", created.ReferenceContentType);
        var (content, type) = await scope.Get<CharacterService>().OpenImageAsync(projectId, created.Id, editor.Id, mask: false);
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        Assert.Equal("image/jpeg", type);
    }

    private string[] BlobFiles()
    {
        var root = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DreamTuner.Data.Options.BlobStoreOptions>>().Value.Root;
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order().ToArray() : [];
    }
}
