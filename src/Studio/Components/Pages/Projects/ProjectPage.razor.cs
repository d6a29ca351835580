using DreamTuner.Data.Entities;
using DreamTuner.Studio.Components.Characters;
using DreamTuner.Studio.Components.Projects;
using DreamTuner.Studio.Images;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// One project: its characters (and, for Editors and Owners, the upload form) and its members. A user who is
/// not a member gets the NotFound page; every action is checked again by the services.
/// </summary>
public partial class ProjectPage : ProjectPageBase
{

    private IReadOnlyList<CharacterInfo>? _characters;
    private IReadOnlyList<ProjectMemberInfo> _members = [];
    private CharacterUploadForm? _uploadForm;

    private bool _uploading;
    private bool _confirmDelete;
    private string? _uploadError;
    private string? _memberError;




    [Inject]
    private ProjectMemberService MemberService { get; set; } = default!;

    [Inject]
    private CharacterService Characters { get; set; } = default!;

    [Inject]
    private IOptions<UploadOptions> UploadOptions { get; set; } = default!;


    [Inject]
    private ILogger<ProjectPage> Logger { get; set; } = default!;

    private UploadOptions Limits => UploadOptions.Value;

    private bool CanUpload => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Upload);

    private bool CanManage => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.ManageMembers);

    protected override async Task LoadPageAsync()
    {
        _characters = await Characters.ListAsync(ProjectId, UserId);
        _members = await MemberService.ListAsync(ProjectId, UserId);
    }

    private async Task CreateCharacterAsync(CharacterUploadRequest request)
    {
        _uploading = true;
        _uploadError = null;
        try
        {
            Limits_CheckDeclaredSize(request.File.Size);
            await using var stream = request.File.OpenReadStream(maxAllowedSize: Limits.MaxBytes);
            var character = await Characters.CreateAsync(ProjectId, UserId, request.Draft, stream);
            _uploadForm?.Reset();
            Navigation.NavigateTo($"projects/{ProjectId}/characters/{character.Id}");
        }
        catch (Exception e) when (e is ImageRejectedException)
        {
            _uploadError = $"Not accepted: {e.Message}.";
        }
        catch (Exception e) when (e is UploadRateLimitedException or ProjectRuleException or ProjectForbiddenException)
        {
            _uploadError = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            Navigation.NotFound();
        }
        catch (IOException e)
        {
            Logger.LogWarning(e, "Upload to project {ProjectId} broke off", ProjectId);
            _uploadError = "The upload broke off; please try again.";
        }
        finally
        {
            _uploading = false;
        }
    }

    private void Limits_CheckDeclaredSize(long size) => new ImageInspector(Limits).CheckFileSize(size);

    private Task InviteAsync(MemberInvite invite)
        => MemberActionAsync(() => MemberService.InviteAsync(ProjectId, UserId, invite.UserNameOrEmail, invite.Role));

    private Task ChangeRoleAsync(MemberRoleChange change)
        => MemberActionAsync(() => MemberService.ChangeRoleAsync(ProjectId, UserId, change.UserId, change.Role));

    private Task RemoveAsync(Guid memberId)
        => MemberActionAsync(() => MemberService.RemoveAsync(ProjectId, UserId, memberId));

    private async Task MemberActionAsync(Func<Task> action)
    {
        _memberError = null;
        try
        {
            await action();
            Project = await Projects.GetAsync(ProjectId, UserId);
            _members = await MemberService.ListAsync(ProjectId, UserId);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _memberError = e.Message;
            Project = await Projects.GetAsync(ProjectId, UserId);
            _members = await MemberService.ListAsync(ProjectId, UserId);
        }
        catch (ProjectNotFoundException)
        {
            // Removed themselves (or were removed) meanwhile: the project is no longer theirs to see.
            Navigation.NavigateTo("projects");
        }
    }

    private async Task DeleteAsync()
    {
        try
        {
            await Projects.DeleteAsync(ProjectId, UserId);
            Navigation.NavigateTo("projects");
        }
        catch (ProjectForbiddenException e)
        {
            _memberError = e.Message;
        }
    }
}
