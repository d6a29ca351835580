using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Generations;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>A project with an Owner, an Editor, a Viewer, a non-member and one generated image, for the collaboration tests.</summary>
public sealed record ReviewWorld(Guid ProjectId, Guid ImageId, StudioUser Owner, StudioUser Editor, StudioUser Viewer, StudioUser Stranger)
{
    public static async Task<ReviewWorld> CreateAsync(StudioScope scope)
    {
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var viewer = await scope.CreateUserAsync("viewer");
        var stranger = await scope.CreateUserAsync("stranger");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Reviews", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);
        var imageId = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, project.Id, owner.Id, TestImages.Png(64, 64));
        return new ReviewWorld(project.Id, imageId, owner, editor, viewer, stranger);
    }
}
