using Bunit;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Components.Generations;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DreamTuner.Studio.Tests.Components;

public sealed class GenerationCardTests : MudComponentTest
{
    private readonly GenerationUpdates _updates = new(NullLogger<GenerationUpdates>.Instance);

    public GenerationCardTests()
    {
        Context.Services.AddSingleton(_updates);
        Context.Services.AddSingleton(TimeProvider.System);
    }

    private static GenerationInfo Info(JobStatus status, int? position = null, int step = 0, string? error = null, IReadOnlyList<Guid>? images = null) => new(
        Guid.NewGuid(), Guid.NewGuid(), "a red fox in snow", null, 42, SchedulerKind.DpmSolverPlusPlus2MKarras, 25, 7.5, 512, 512, 1, "starter",
        status, position, step, 25, null, error, Guid.NewGuid(), DateTimeOffset.UtcNow, images ?? []);

    [Fact]
    public void Queued_card_shows_its_queue_position_and_a_cancel_button()
    {
        Guid? cancelled = null;
        var g = Info(JobStatus.Queued, position: 3);
        var card = Context.Render<GenerationCard>(p => p.Add(c => c.Generation, g).Add(c => c.CanCancel, true).Add(c => c.OnCancel, id => cancelled = id));

        Assert.Contains("Queued · #3", card.Find(".dt-status-chip").TextContent);
        Assert.Contains("seed 42", card.Markup);
        card.Find("button.dt-cancel").Click();
        Assert.Equal(g.Id, cancelled);
    }

    [Fact]
    public void Running_card_shows_step_progress()
    {
        var card = Context.Render<GenerationCard>(p => p.Add(c => c.Generation, Info(JobStatus.Running, step: 10)));

        Assert.Contains("Running", card.Find(".dt-status-chip").TextContent);
        Assert.Contains("Step 10 / 25", card.Find(".dt-progress-text").TextContent);
        Assert.Equal("40", card.Find("[aria-valuenow]").GetAttribute("aria-valuenow"));
        Assert.Empty(card.FindAll("button.dt-cancel")); // not the viewer's to cancel
    }

    [Fact]
    public void Failed_card_shows_the_reason_and_no_cancel_button()
    {
        var card = Context.Render<GenerationCard>(p => p.Add(c => c.Generation, Info(JobStatus.Failed, error: "Model starter was not found.")).Add(c => c.CanCancel, true));

        Assert.Contains("Failed", card.Find(".dt-status-chip").TextContent);
        Assert.Contains("Model starter was not found.", card.Find(".dt-error").TextContent);
        Assert.Empty(card.FindAll("button.dt-cancel"));
    }

    [Fact]
    public void Pushed_preview_updates_progress_and_shows_the_jpeg_as_a_data_url_then_status_ends_it()
    {
        var g = Info(JobStatus.Queued, position: 1);
        Guid? ended = null;
        var card = Context.Render<GenerationCard>(p => p.Add(c => c.Generation, g).Add(c => c.OnEnded, id => ended = id));
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

        _updates.Publish(new GenerationPreview(g.Id, g.ProjectId, null, 5, 25, 12, jpeg));

        card.WaitForAssertion(() =>
        {
            Assert.Contains("Running", card.Find(".dt-status-chip").TextContent);
            Assert.Contains("Step 5 / 25", card.Find(".dt-progress-text").TextContent);
            Assert.Contains("s left", card.Find(".dt-progress-text").TextContent);
            Assert.Equal("data:image/jpeg;base64," + Convert.ToBase64String(jpeg), card.Find("img.dt-generation-preview").GetAttribute("src"));
        });

        _updates.Publish(new GenerationStatusChange(g.Id, g.ProjectId, null, JobStatus.Failed, "Out of memory.", []));
        card.WaitForAssertion(() =>
        {
            Assert.Contains("Out of memory.", card.Find(".dt-error").TextContent);
            Assert.Equal(g.Id, ended);
        });
    }

    [Fact]
    public void Succeeded_card_shows_its_images_from_the_member_only_endpoint()
    {
        var imageId = Guid.NewGuid();
        var g = Info(JobStatus.Succeeded, step: 25, images: [imageId]);
        var card = Context.Render<GenerationCard>(p => p.Add(c => c.Generation, g));

        Assert.Equal($"projects/{g.ProjectId}/images/{imageId}", card.Find("img.dt-generation-image").GetAttribute("src"));
    }
}
