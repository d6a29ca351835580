using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Projects;

/// <summary>The members of a project; Owners also get invite, role change and remove (the server checks again).</summary>
public partial class MemberList
{
    private static readonly ProjectRole[] Roles = [ProjectRole.Viewer, ProjectRole.Editor, ProjectRole.Owner];

    private InviteModel _invite = new();

    /// <summary>The members to show. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<ProjectMemberInfo> Members { get; set; } = [];

    /// <summary>Whether the current user may manage members (is an Owner). Default false.</summary>
    [Parameter]
    public bool CanManage { get; set; }

    /// <summary>The signed-in user, marked "you" in the list. Default: empty.</summary>
    [Parameter]
    public Guid CurrentUserId { get; set; }

    /// <summary>The last refusal to show, or null. Default null.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>Called when an Owner invites someone; the form clears when it completes. Default: none.</summary>
    [Parameter]
    public EventCallback<MemberInvite> OnInvite { get; set; }

    /// <summary>Called when an Owner picks another role for a member. Default: none.</summary>
    [Parameter]
    public EventCallback<MemberRoleChange> OnChangeRole { get; set; }

    /// <summary>Called with the user id when an Owner removes a member. Default: none.</summary>
    [Parameter]
    public EventCallback<Guid> OnRemove { get; set; }

    private async Task InviteAsync()
    {
        if (string.IsNullOrWhiteSpace(_invite.UserNameOrEmail))
            return;
        var invite = new MemberInvite(_invite.UserNameOrEmail.Trim(), _invite.Role);
        await OnInvite.InvokeAsync(invite);
        if (string.IsNullOrEmpty(Error))
            _invite = new InviteModel();
    }
}
