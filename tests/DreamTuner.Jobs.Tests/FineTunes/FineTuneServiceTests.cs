using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Jobs.Tests.Support;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.FineTunes;

/// <summary>Who may start fine-tunes, what a preset and overrides become, and the one-at-a-time rule per character.</summary>
public sealed class FineTuneServiceTests
{
    private static FineTuneService Service(JobsWorld world, int permits = 20)
    {
        var dbs = world.Studio.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        var limiter = new GenerationRateLimiter(Microsoft.Extensions.Options.Options.Create(new GenerationOptions { PermitLimit = permits }));
        return new FineTuneService(dbs, new ProjectAccess(dbs), world.FineTunes, limiter, TimeProvider.System);
    }

    [Fact]
    public async Task An_editor_starts_a_preset_with_overrides_a_viewer_is_refused_and_a_stranger_finds_nothing()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db, users: 3);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project);
        var viewer = await db.ProjectMembers.SingleAsync(m => m.UserId == users[1].Id);
        viewer.Role = ProjectRole.Viewer;
        await db.ProjectMembers.Where(m => m.UserId == users[2].Id).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
        var service = Service(world);

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => service.StartAsync(project.Id, character.Id, users[1].Id, new FineTuneRequest()));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => service.StartAsync(project.Id, character.Id, users[2].Id, new FineTuneRequest()));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => service.StartAsync(project.Id, Guid.NewGuid(), users[0].Id, new FineTuneRequest()));
        Assert.Equal(0, await db.FineTunes.CountAsync());

        var started = await service.StartAsync(project.Id, character.Id, users[0].Id,
            new FineTuneRequest { Preset = FineTunePreset.Quick, Mode = "full", Rank = 8, RegularImages = 4, Seed = 11 });
        Assert.Equal(JobStatus.Queued, started.Status);
        Assert.Equal((300, 300), (started.ProgressTotal, started.Parameters.Steps));
        Assert.Equal(("full", 8, 4, 11L), (started.Parameters.Mode, started.Parameters.Rank, started.Parameters.RegularImages, started.Parameters.Seed));
        Assert.Equal(FineTuneMode.Full, (await db.FineTunes.SingleAsync()).Mode);
        Assert.NotNull((await db.FineTunes.SingleAsync()).HangfireJobId);

        // The viewer can watch it but not cancel it; a second start for the same character waits for this one.
        Assert.Equal(started.Id, (await service.GetAsync(started.Id, users[1].Id)).Id);
        Assert.Single(await service.ListForCharacterAsync(project.Id, character.Id, users[1].Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => service.GetAsync(started.Id, users[2].Id));
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => service.CancelAsync(project.Id, started.Id, users[1].Id));
        var again = await Assert.ThrowsAsync<ProjectRuleException>(() => service.StartAsync(project.Id, character.Id, users[0].Id, new FineTuneRequest()));
        Assert.Contains("already being fine-tuned", again.Message);

        Assert.True(await service.CancelAsync(project.Id, started.Id, users[0].Id));
        var standard = await service.StartAsync(project.Id, character.Id, users[0].Id, new FineTuneRequest());
        Assert.Equal(("lora", 800), (standard.Parameters.Mode, standard.Parameters.Steps));
    }

    [Theory]
    [InlineData("lora", 0, null, null, "Steps must be between 1 and 5000.")]
    [InlineData("dreambooth", null, null, null, "The mode is \"lora\" or \"full\".")]
    [InlineData("lora", null, 0.0, null, "The learning rate must be above 0 and at most 0.1.")]
    [InlineData("lora", null, null, 0, "The LoRA rank must be between 1 and 128.")]
    public void Out_of_range_overrides_are_refused_with_the_allowed_range(string mode, int? steps, double? lr, int? rank, string message)
    {
        var e = Assert.Throws<ProjectRuleException>(() => FineTuneService.Validate(new FineTuneRequest { Mode = mode, Steps = steps, LearningRate = lr, Rank = rank }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Starts_share_the_generation_submission_limit()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var first = await FineTuneSeeds.CharacterAsync(world, db, project);
        var second = await FineTuneSeeds.CharacterAsync(world, db, project);
        var service = Service(world, permits: 1);

        await service.StartAsync(project.Id, first.Id, users[0].Id, new FineTuneRequest());
        await Assert.ThrowsAsync<GenerationRateLimitedException>(() => service.StartAsync(project.Id, second.Id, users[0].Id, new FineTuneRequest()));
    }
}
