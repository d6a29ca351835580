using Bunit;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Components.Projects;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class MemberListTests : MudComponentTest
{
    private static readonly ProjectMemberInfo Owner = new(Guid.NewGuid(), "olga", "olga@example.test", ProjectRole.Owner, DateTimeOffset.UtcNow);
    private static readonly ProjectMemberInfo Viewer = new(Guid.NewGuid(), "victor", "victor@example.test", ProjectRole.Viewer, DateTimeOffset.UtcNow);

    [Fact]
    public void Non_owner_sees_members_and_roles_but_no_invite_form_or_remove_buttons()
    {
        var list = Context.Render<MemberList>(p => p.Add(m => m.Members, [Owner, Viewer]).Add(m => m.CanManage, false).Add(m => m.CurrentUserId, Viewer.UserId));
        Assert.Equal(2, list.FindAll("tr.dt-member").Count);
        Assert.Empty(list.FindAll("#invite-form"));
        Assert.Empty(list.FindAll(".dt-remove-member"));
        Assert.Contains("Only Owners", list.Find("#members-readonly").TextContent);
    }

    [Fact]
    public void Owner_removes_a_member_through_the_callback()
    {
        Guid? removed = null;
        var list = Context.Render<MemberList>(p => p
            .Add(m => m.Members, [Owner, Viewer])
            .Add(m => m.CanManage, true)
            .Add(m => m.OnRemove, id => removed = id));
        Assert.Single(list.FindAll("#invite-form"));
        list.FindAll("button.dt-remove-member")[1].Click();
        Assert.Equal(Viewer.UserId, removed);
    }

    [Fact]
    public void Owner_invites_by_user_name_with_the_chosen_role()
    {
        MemberInvite? invite = null;
        var list = Context.Render<MemberList>(p => p
            .Add(m => m.Members, [Owner])
            .Add(m => m.CanManage, true)
            .Add(m => m.OnInvite, i => invite = i));
        list.Find("#invite-user").Change("victor");
        list.Find("#invite-form").Submit();
        Assert.Equal(new MemberInvite("victor", ProjectRole.Editor), invite);
    }

    [Fact]
    public void Shows_a_refusal()
    {
        var list = Context.Render<MemberList>(p => p.Add(m => m.Members, [Owner]).Add(m => m.Error, "A project needs at least one Owner"));
        Assert.Contains("at least one Owner", list.Find("#members-error").TextContent);
    }
}
