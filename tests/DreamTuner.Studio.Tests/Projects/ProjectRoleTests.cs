using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Projects;

/// <summary>What each role may do, checked by the services themselves (the pages only hide buttons).</summary>
public sealed class ProjectRoleTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private async Task<(StudioScope Scope, Guid ProjectId, StudioUser Owner, StudioUser Editor, StudioUser Viewer, StudioUser Stranger)> SetUpAsync()
    {
        var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var viewer = await scope.CreateUserAsync("viewer");
        var stranger = await scope.CreateUserAsync("stranger");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Moon Dogs", null);
        var members = scope.Get<ProjectMemberService>();
        await members.InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        await members.InviteAsync(project.Id, owner.Id, viewer.Email!, ProjectRole.Viewer); // by e-mail
        return (scope, project.Id, owner, editor, viewer, stranger);
    }

    [Fact]
    public async Task Creator_is_owner_and_sees_the_project_in_their_list()
    {
        var (scope, projectId, owner, _, viewer, _) = await SetUpAsync();
        await using var _ = scope;
        var mine = await scope.Get<ProjectService>().ListForUserAsync(owner.Id);
        var listed = Assert.Single(mine, p => p.Id == projectId);
        Assert.Equal(ProjectRole.Owner, listed.Role);
        Assert.Equal(3, listed.MemberCount);
        Assert.Equal(ProjectRole.Viewer, (await scope.Get<ProjectService>().GetAsync(projectId, viewer.Id)).Role);
    }

    [Fact]
    public async Task Viewer_cannot_invite_members()
    {
        var (scope, projectId, _, _, viewer, stranger) = await SetUpAsync();
        await using var _ = scope;
        var e = await Assert.ThrowsAsync<ProjectForbiddenException>(
            () => scope.Get<ProjectMemberService>().InviteAsync(projectId, viewer.Id, stranger.UserName!, ProjectRole.Viewer));
        Assert.Equal(ProjectRole.Viewer, e.Role);
    }

    [Fact]
    public async Task Editor_cannot_manage_members_or_delete_the_project()
    {
        var (scope, projectId, owner, editor, _, stranger) = await SetUpAsync();
        await using var _ = scope;
        await Assert.ThrowsAsync<ProjectForbiddenException>(
            () => scope.Get<ProjectMemberService>().InviteAsync(projectId, editor.Id, stranger.UserName!, ProjectRole.Viewer));
        await Assert.ThrowsAsync<ProjectForbiddenException>(
            () => scope.Get<ProjectMemberService>().RemoveAsync(projectId, editor.Id, owner.Id));
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => scope.Get<ProjectService>().DeleteAsync(projectId, editor.Id));
    }

    [Fact]
    public async Task Viewer_cannot_upload_a_character()
    {
        var (scope, projectId, _, _, viewer, _) = await SetUpAsync();
        await using var _ = scope;
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => scope.Get<CharacterService>().CreateAsync(
            projectId, viewer.Id, new CharacterDraft("Chelsea", "cat", null), new MemoryStream(TestImages.Read("chelsea.png"))));
    }

    [Fact]
    public async Task Non_member_gets_not_found_from_every_service_call()
    {
        var (scope, projectId, _, editor, _, stranger) = await SetUpAsync();
        await using var _ = scope;
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => scope.Get<ProjectService>().GetAsync(projectId, stranger.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => scope.Get<ProjectMemberService>().ListAsync(projectId, stranger.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => scope.Get<CharacterService>().ListAsync(projectId, stranger.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => scope.Get<CharacterService>().CreateAsync(
            projectId, stranger.Id, new CharacterDraft("Chelsea", "cat", null), new MemoryStream(TestImages.Read("chelsea.png"))));
        await Assert.ThrowsAsync<ProjectNotFoundException>(
            () => scope.Get<ProjectMemberService>().InviteAsync(projectId, stranger.Id, editor.UserName!, ProjectRole.Owner));
        Assert.DoesNotContain(await scope.Get<ProjectService>().ListForUserAsync(stranger.Id), p => p.Id == projectId);
    }

    [Fact]
    public async Task Owner_changes_a_role_and_removes_a_member()
    {
        var (scope, projectId, owner, editor, viewer, _) = await SetUpAsync();
        await using var _ = scope;
        var members = scope.Get<ProjectMemberService>();
        await members.ChangeRoleAsync(projectId, owner.Id, viewer.Id, ProjectRole.Editor);
        await members.RemoveAsync(projectId, owner.Id, editor.Id);

        var list = await members.ListAsync(projectId, owner.Id);
        Assert.Equal(ProjectRole.Editor, Assert.Single(list, m => m.UserId == viewer.Id).Role);
        Assert.DoesNotContain(list, m => m.UserId == editor.Id);
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => scope.Get<ProjectService>().GetAsync(projectId, editor.Id));
    }

    [Fact]
    public async Task The_last_owner_can_be_neither_demoted_nor_removed()
    {
        var (scope, projectId, owner, _, _, _) = await SetUpAsync();
        await using var _ = scope;
        var members = scope.Get<ProjectMemberService>();
        await Assert.ThrowsAsync<ProjectRuleException>(() => members.ChangeRoleAsync(projectId, owner.Id, owner.Id, ProjectRole.Editor));
        await Assert.ThrowsAsync<ProjectRuleException>(() => members.RemoveAsync(projectId, owner.Id, owner.Id));
    }

    [Fact]
    public async Task Inviting_an_unknown_user_or_a_member_again_says_why()
    {
        var (scope, projectId, owner, editor, _, _) = await SetUpAsync();
        await using var _ = scope;
        var members = scope.Get<ProjectMemberService>();
        var unknown = await Assert.ThrowsAsync<ProjectRuleException>(() => members.InviteAsync(projectId, owner.Id, "no-such-user", ProjectRole.Viewer));
        Assert.Contains("No user", unknown.Message);
        var again = await Assert.ThrowsAsync<ProjectRuleException>(() => members.InviteAsync(projectId, owner.Id, editor.UserName!, ProjectRole.Viewer));
        Assert.Contains("already a member", again.Message);
    }

    [Fact]
    public async Task Owner_deletes_the_project()
    {
        var (scope, projectId, owner, _, _, _) = await SetUpAsync();
        await using var _ = scope;
        await scope.Get<ProjectService>().DeleteAsync(projectId, owner.Id);
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => scope.Get<ProjectService>().GetAsync(projectId, owner.Id));
    }
}
