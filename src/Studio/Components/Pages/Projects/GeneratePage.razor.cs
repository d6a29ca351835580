using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Components.Generations;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// The project's Generate page: the form (Editors and Owners; Viewers see why not) and a live card for each of my
/// recent generations. Non-members get NotFound; the service checks the role again on every action.
/// </summary>
public sealed partial class GeneratePage : ProjectPageBase, IDisposable
{

    private IReadOnlyList<GenerationInfo> _generations = [];

    private IReadOnlyList<CharacterInfo> _characters = [];

    private GenerationFormModel _form = new();

    private IDisposable? _subscription;

    private bool _submitting;
    private string? _error;
    private string? _notice;




    [Inject]
    private GenerationService Generations { get; set; } = default!;

    [Inject]
    private GenerationUpdates Updates { get; set; } = default!;

    [Inject]
    private CharacterService CharacterList { get; set; } = default!;

    [Inject]
    private IOptions<UploadOptions> UploadLimits { get; set; } = default!;

    /// <summary><c>?reuse={generationId}</c>: the form starts with every setting of that generation, seed included.</summary>
    [SupplyParameterFromQuery(Name = "reuse")]
    public Guid? Reuse { get; set; }

    [Inject]
    private IOptions<GenerationOptions> Options { get; set; } = default!;

    /// <summary><c>?pose={savedPoseId}</c> ("Use this pose" in the pose library): the pose's control image, type Pose, at the form's size.</summary>
    [SupplyParameterFromQuery(Name = "pose")]
    public Guid? Pose { get; set; }

    [Inject]
    private Services.Poses.PoseService Poses { get; set; } = default!;

    [Inject]
    private Services.Methods.ModelAddOnProbe AddOns { get; set; } = default!;


    private GenerationOptions Limits => Options.Value;

    private bool CanGenerate => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Generate);

    protected override string? PageTitle => "Generate";

    protected override async Task LoadPageAsync()
    {
        _generations = await Generations.ListMineAsync(ProjectId, UserId);
        _characters = await CharacterList.ListAsync(ProjectId, UserId);
        if (Reuse is { } reuse)
        {
            try
            {
                var request = await Generations.ReuseAsync(ProjectId, reuse, UserId);
                _form = GenerationFormModel.From(request);
            }
            catch (ProjectNotFoundException)
            {
                _notice = "The generation to reuse was not found; the form has the defaults.";
            }
        }
        if (Pose is { } pose)
            await UsePoseAsync(pose);
    }

    private async Task UsePoseAsync(Guid poseId)
    {
        try
        {
            var saved = await Poses.GetAsync(ProjectId, poseId, UserId);
            var png = await Poses.RenderAsync(ProjectId, poseId, UserId, _form.Width, _form.Height);
            _form.ControlImage = InputImage.Chosen($"pose \"{saved.Name}\" ({_form.Width}x{_form.Height})", png);
            _form.ControlType = ControlType.Pose;
        }
        catch (ProjectNotFoundException)
        {
            _notice = "The pose was not found; choose a control image yourself.";
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Queue positions move when anything in the project starts or ends: re-read the list then.
        if (firstRender)
            _subscription = Updates.Subscribe(ProjectId, null, OnProjectStatus);
    }

    private void OnProjectStatus(GenerationStatusChange change) => _ = InvokeAsync(async () =>
    {
        await ReloadAsync(change.GenerationId);
        StateHasChanged();
    });

    private async Task<bool> SubmitAsync(GenerationRequest request)
    {
        _submitting = true;
        _error = null;
        _notice = null;
        try
        {
            await Generations.SubmitAsync(ProjectId, UserId, request);
            _generations = await Generations.ListMineAsync(ProjectId, UserId);
            return true;
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException or GenerationRateLimitedException)
        {
            _error = e.Message;
            return false;
        }
        catch (ProjectNotFoundException)
        {
            Navigation.NavigateTo("projects");
            return false;
        }
        finally
        {
            _submitting = false;
        }
    }

    private async Task CancelAsync(Guid generationId)
    {
        _notice = null;
        try
        {
            if (!await Generations.CancelAsync(ProjectId, generationId, UserId))
                _notice = "It had already finished.";
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _notice = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            _notice = "That generation is gone.";
        }
        await ReloadAsync(generationId);
    }

    private async Task CancelPendingAsync()
    {
        try
        {
            var count = await Generations.CancelMyPendingAsync(ProjectId, UserId);
            _notice = count == 1 ? "Cancelled 1 queued generation." : $"Cancelled {count} queued generations.";
        }
        catch (ProjectForbiddenException e)
        {
            _notice = e.Message;
        }
        await ReloadAsync(Guid.Empty);
    }

    private async Task ReloadAsync(Guid generationId)
    {
        _ = generationId;
        try
        {
            _generations = await Generations.ListMineAsync(ProjectId, UserId);
        }
        catch (ProjectNotFoundException)
        {
            Navigation.NavigateTo("projects");
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
