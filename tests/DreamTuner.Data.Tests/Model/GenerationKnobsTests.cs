using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Tests.Model;

/// <summary>The DreamTuner / img2img / ControlNet settings of a generation: defaults, database defaults and limits.</summary>
public sealed class GenerationKnobsTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public void A_new_generation_takes_the_papers_dreamtuner_defaults()
    {
        var row = new NewGeneration { ProjectId = Guid.NewGuid(), Prompt = "[S1*] dog" }.ToEntity(TestClock.Now(), null);

        Assert.Equal((0.2, 3.0, 3.0, 0.9, 20.0, 20.0, true), (row.SubjectEncoderBeta, row.ReferenceAttentionWeight, row.ReferenceGuidance,
            row.ReferenceProbability, row.ReferenceDeltaT, row.ReferenceDeltaTPrime, row.UseMask));
        Assert.Equal(7.5, row.GuidanceScale);
        Assert.Equal((1.0, 0.0, 1.0), (row.ControlScale, row.ControlStart, row.ControlEnd));
        Assert.Null(row.InitStrength);
        Assert.Null(row.ControlType);
    }

    [Fact]
    public void Strength_and_control_type_are_kept_only_with_their_image()
    {
        var row = new NewGeneration
        {
            ProjectId = Guid.NewGuid(), Prompt = "p", InitImageHash = new string('a', 64), InitStrength = 0.4,
            ControlImageHash = new string('b', 64), ControlType = ControlType.Depth, CharacterIds = [Guid.Empty],
        }.ToEntity(TestClock.Now(), null);

        Assert.Equal((0.4, ControlType.Depth), (row.InitStrength, row.ControlType));
        Assert.Equal([Guid.Empty], row.CharacterIds);
    }

    [Fact]
    public async Task Rows_written_without_the_new_columns_get_the_engine_defaults()
    {
        // What the migration does for generations queued before it: the columns' defaults fill them in.
        SampleProject sample;
        await using (var db = fixture.CreateContext())
            sample = await SampleProject.SeedAsync(db, SampleUsers.Create("owner"), SampleUsers.Create("editor"));
        var id = Guid.NewGuid();
        await using (var db = fixture.CreateContext())
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Generations" ("Id", "ProjectId", "Prompt", "Seed", "Scheduler", "Steps", "GuidanceScale", "Width", "Height",
                    "BatchSize", "SubjectEncoderBeta", "ReferenceAttentionWeight", "ReferenceGuidance", "UseMask", "ModelId", "CharacterIds",
                    "Status", "ProgressStep", "ProgressTotal", "CreatedAt")
                VALUES ({id}, {sample.Project.Id}, 'old', 1, 'Ddim', 10, 7.5, 512, 512, 1, 0, 0, 0, false, 'starter', {Array.Empty<Guid>()}, 'Queued', 0, 10, now())
                """);

        await using var reader = fixture.CreateContext();
        var row = await reader.Generations.AsNoTracking().SingleAsync(g => g.Id == id);
        Assert.Equal((0.9, 20.0, 20.0, 1.0, 0.0, 1.0), (row.ReferenceProbability, row.ReferenceDeltaT, row.ReferenceDeltaTPrime,
            row.ControlScale, row.ControlStart, row.ControlEnd));
        Assert.Null(row.ReferencePrompt);
    }

    [Theory]
    [InlineData(1.5, 0.0, 1.0)]
    [InlineData(0.9, 0.8, 0.2)]
    [InlineData(0.9, 0.0, 1.2)]
    public async Task The_database_refuses_a_probability_or_control_range_out_of_bounds(double pr, double start, double end)
    {
        SampleProject sample;
        await using (var db = fixture.CreateContext())
            sample = await SampleProject.SeedAsync(db, SampleUsers.Create("owner"), SampleUsers.Create("editor"));
        await using var writer = fixture.CreateContext();
        var row = new NewGeneration { ProjectId = sample.Project.Id, Prompt = "p", ReferenceProbability = pr, ControlStart = start, ControlEnd = end }
            .ToEntity(TestClock.Now(), null);
        writer.Generations.Add(row);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => writer.SaveChangesAsync());
        Assert.Contains("CK_Generations_", error.InnerException?.Message);
    }
}
