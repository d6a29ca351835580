using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Tests.Generations;

/// <summary>Submitting generations through <see cref="GenerationService"/> against PostgreSQL (no engine: rows stay Queued).</summary>
public sealed class GenerationServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private static readonly GenerationRequest Everything = new()
    {
        Prompt = " a lighthouse at dusk ",
        NegativePrompt = "blurry",
        Steps = 30,
        Scheduler = SchedulerKind.EulerAncestral,
        GuidanceScale = 6.5,
        Seed = 1234567,
        Width = 768,
        Height = 512,
        BatchSize = 3,
        ModelId = "starter",
    };

    private static async Task<(Guid ProjectId, StudioUser Owner, StudioUser Editor, StudioUser Viewer)> SetUpAsync(StudioScope scope)
    {
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var viewer = await scope.CreateUserAsync("viewer");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Lighthouses", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);
        return (project.Id, owner, editor, viewer);
    }

    [Fact]
    public async Task Editor_submission_becomes_a_queued_row_with_every_parameter_and_a_hangfire_ticket()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, _, editor, _) = await SetUpAsync(scope);

        var info = await scope.Get<GenerationService>().SubmitAsync(projectId, editor.Id, Everything);

        await using var db = factory.Database.CreateContext();
        var row = await db.Generations.AsNoTracking().SingleAsync(g => g.Id == info.Id);
        Assert.Equal(JobStatus.Queued, row.Status);
        Assert.Equal((projectId, (Guid?)editor.Id), (row.ProjectId, row.RequestedById));
        Assert.Equal(("a lighthouse at dusk", "blurry"), (row.Prompt, row.NegativePrompt));
        Assert.Equal((30, SchedulerKind.EulerAncestral, 6.5, 1234567L), (row.Steps, row.Scheduler, row.GuidanceScale, row.Seed));
        Assert.Equal((768, 512, 3, "starter"), (row.Width, row.Height, row.BatchSize, row.ModelId));
        Assert.NotNull(row.HangfireJobId);
        Assert.Equal(JobStatus.Queued, info.Status);
        Assert.NotNull(info.QueuePosition);
        var mine = await scope.Get<GenerationService>().ListMineAsync(projectId, editor.Id);
        Assert.Equal(info.Id, Assert.Single(mine).Id);
    }

    [Fact]
    public async Task Missing_seed_gets_a_random_one_and_out_of_range_settings_are_refused_by_name()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, owner, _, _) = await SetUpAsync(scope);
        var service = scope.Get<GenerationService>();

        var info = await service.SubmitAsync(projectId, owner.Id, Everything with { Seed = null });
        Assert.InRange(info.Seed, 0, (1L << 32) - 1);

        Assert.Contains("Width", (await Assert.ThrowsAsync<ProjectRuleException>(() => service.SubmitAsync(projectId, owner.Id, Everything with { Width = 500 }))).Message);
        Assert.Contains("Batch size", (await Assert.ThrowsAsync<ProjectRuleException>(() => service.SubmitAsync(projectId, owner.Id, Everything with { BatchSize = 5 }))).Message);
        Assert.Contains("prompt", (await Assert.ThrowsAsync<ProjectRuleException>(() => service.SubmitAsync(projectId, owner.Id, Everything with { Prompt = "  " }))).Message);
        Assert.Contains("model", (await Assert.ThrowsAsync<ProjectRuleException>(() => service.SubmitAsync(projectId, owner.Id, Everything with { ModelId = "../etc" }))).Message);
    }

    [Fact]
    public async Task Viewer_is_forbidden_and_non_member_gets_not_found_and_no_row_is_written()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, _, _, viewer) = await SetUpAsync(scope);
        var stranger = await scope.CreateUserAsync("stranger");
        var service = scope.Get<GenerationService>();

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => service.SubmitAsync(projectId, viewer.Id, Everything));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => service.SubmitAsync(projectId, stranger.Id, Everything));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => service.ListMineAsync(projectId, stranger.Id));

        await using var db = factory.Database.CreateContext();
        Assert.False(await db.Generations.AnyAsync(g => g.ProjectId == projectId));
    }

    [Fact]
    public async Task Submissions_beyond_the_limit_are_refused_with_when_to_retry()
    {
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Generation:PermitLimit", "2"));
        await using var scope = new StudioScope(limited.Services);
        var (projectId, owner, _, _) = await SetUpAsync(scope);
        var service = scope.Get<GenerationService>();

        await service.SubmitAsync(projectId, owner.Id, Everything);
        await service.SubmitAsync(projectId, owner.Id, Everything);
        var e = await Assert.ThrowsAsync<GenerationRateLimitedException>(() => service.SubmitAsync(projectId, owner.Id, Everything));
        Assert.Matches(@"try again in \d+ s", e.Message);

        await using var db = factory.Database.CreateContext();
        Assert.Equal(2, await db.Generations.CountAsync(g => g.ProjectId == projectId));
    }

    [Fact]
    public async Task Cancel_all_my_pending_cancels_only_my_queued_rows_in_this_project()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, owner, editor, _) = await SetUpAsync(scope);
        var service = scope.Get<GenerationService>();
        var mine = await service.SubmitAsync(projectId, editor.Id, Everything);
        var theirs = await service.SubmitAsync(projectId, owner.Id, Everything);

        Assert.Equal(1, await service.CancelMyPendingAsync(projectId, editor.Id));
        await Assert.ThrowsAsync<ProjectRuleException>(() => service.CancelAsync(projectId, theirs.Id, editor.Id));

        Assert.Equal(JobStatus.Cancelled, (await service.GetAsync(mine.Id, editor.Id)).Status);
        Assert.Equal(JobStatus.Queued, (await service.GetAsync(theirs.Id, editor.Id)).Status);
        Assert.True(await service.CancelAsync(projectId, theirs.Id, owner.Id));
    }
}
