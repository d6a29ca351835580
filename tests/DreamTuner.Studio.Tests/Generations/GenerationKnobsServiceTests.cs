using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Tests.Generations;

/// <summary>Characters, init / control images and the DreamTuner knobs through <see cref="GenerationService"/> (no engine).</summary>
public sealed class GenerationKnobsServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private static readonly GenerationRequest Base = new() { Prompt = "a dog at the beach", Seed = 11, Width = 512, Height = 512 };

    private static async Task<(Guid ProjectId, StudioUser Owner, CharacterInfo Rex, CharacterInfo Mia)> SetUpAsync(StudioScope scope)
    {
        var owner = await scope.CreateUserAsync("owner");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Dogs", null);
        var characters = scope.Get<CharacterService>();
        var rex = await characters.CreateAsync(project.Id, owner.Id, new CharacterDraft("Rex", "dog", null), new MemoryStream(TestImages.Png(64, 64)));
        var mia = await characters.CreateAsync(project.Id, owner.Id, new CharacterDraft("Mia", "girl", null), new MemoryStream(TestImages.Png(64, 64)));
        return (project.Id, owner, rex, mia);
    }

    private async Task<Generation> RowAsync(Guid id)
    {
        await using var db = factory.Database.CreateContext();
        return await db.Generations.AsNoTracking().SingleAsync(g => g.Id == id);
    }

    [Fact]
    public async Task Tokens_in_the_prompt_choose_the_characters_and_the_knobs_are_stored()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, owner, rex, mia) = await SetUpAsync(scope);

        var info = await scope.Get<GenerationService>().SubmitAsync(projectId, owner.Id, Base with
        {
            Prompt = $"{mia.Token} walking {rex.Token.ToLowerInvariant()}", SubjectEncoderBeta = 0.3, ReferenceAttentionWeight = 2.5,
            ReferenceGuidance = 4, ReferenceProbability = 0.7, ReferenceDeltaT = 10, ReferenceDeltaTPrime = 40, UseMask = false,
            ReferencePrompt = "  two friends  ",
        });

        var row = await RowAsync(info.Id);
        Assert.Equal(new[] { rex.Id, mia.Id }.Order(), row.CharacterIds.Order());
        Assert.Equal((0.3, 2.5, 4.0, 0.7, 10.0, 40.0, false, "two friends"), (row.SubjectEncoderBeta, row.ReferenceAttentionWeight,
            row.ReferenceGuidance, row.ReferenceProbability, row.ReferenceDeltaT, row.ReferenceDeltaTPrime, row.UseMask, row.ReferencePrompt));
    }

    [Fact]
    public async Task A_plain_prompt_uses_no_character_and_keeps_the_papers_defaults()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, owner, _, _) = await SetUpAsync(scope);

        var row = await RowAsync((await scope.Get<GenerationService>().SubmitAsync(projectId, owner.Id, Base)).Id);

        Assert.Empty(row.CharacterIds);
        Assert.Equal((0.2, 3.0, 3.0, 0.9, 20.0, 20.0, true), (row.SubjectEncoderBeta, row.ReferenceAttentionWeight, row.ReferenceGuidance,
            row.ReferenceProbability, row.ReferenceDeltaT, row.ReferenceDeltaTPrime, row.UseMask));
        Assert.Null(row.InitImageHash);
        Assert.Null(row.ControlImageHash);
    }

    public static TheoryData<string, GenerationRequest> OutOfRange => new()
    {
        { "β", Base with { SubjectEncoderBeta = -0.1 } },
        { "w_ref", Base with { ReferenceAttentionWeight = 0 } },
        { "ω_r", Base with { ReferenceGuidance = 51 } },
        { "p_r", Base with { ReferenceProbability = 1.1 } },
        { "Δt must", Base with { ReferenceDeltaT = 1000 } },
        { "Δt'", Base with { ReferenceDeltaTPrime = double.NaN } },
        { "Control scale", Base with { ControlScale = 6 } },
        { "Control start and end", Base with { ControlStart = 0.8, ControlEnd = 0.2 } },
        { "Strength", Base with { InitImage = [1, 2, 3], InitStrength = 0 } },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task Each_knob_out_of_range_is_refused_with_a_message_naming_it(string name, GenerationRequest request)
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, owner, _, _) = await SetUpAsync(scope);

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() => scope.Get<GenerationService>().SubmitAsync(projectId, owner.Id, request));

        Assert.Contains(name, error.Message);
    }

    [Fact]
    public async Task Init_and_control_images_are_checked_and_stored_as_blobs()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, owner, _, _) = await SetUpAsync(scope);
        var service = scope.Get<GenerationService>();

        var info = await service.SubmitAsync(projectId, owner.Id, Base with
        {
            InitImage = TestImages.Png(64, 64), InitStrength = 0.5, ControlImage = TestImages.Png(32, 32), ControlType = ControlType.Depth,
        });

        var row = await RowAsync(info.Id);
        Assert.NotNull(row.InitImageHash);
        Assert.NotNull(row.ControlImageHash);
        Assert.Equal((0.5, ControlType.Depth), (row.InitStrength, row.ControlType));
        var notAnImage = await Assert.ThrowsAsync<ProjectRuleException>(() => service.SubmitAsync(projectId, owner.Id, Base with { ControlImage = [1, 2, 3, 4] }));
        Assert.Contains("control image", notAnImage.Message);
    }

    [Fact]
    public async Task Reuse_returns_every_setting_and_submitting_it_reproduces_the_generation()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, owner, rex, _) = await SetUpAsync(scope);
        var service = scope.Get<GenerationService>();
        var first = await service.SubmitAsync(projectId, owner.Id, Base with
        {
            Prompt = $"{rex.Token} dog", Seed = 4242, Steps = 9, InitImage = TestImages.Png(64, 64), InitStrength = 0.3,
            ControlImage = TestImages.Png(32, 32), ControlScale = 0.5, ReferenceProbability = 0.4, UseMask = false,
        });

        var reuse = await service.ReuseAsync(projectId, first.Id, owner.Id);
        var again = await service.SubmitAsync(projectId, owner.Id, reuse);

        var (a, b) = (await RowAsync(first.Id), await RowAsync(again.Id));
        Assert.Equal((4242L, 9, $"{rex.Token} dog"), (reuse.Seed ?? -1, reuse.Steps, reuse.Prompt));
        Assert.Equal((a.Seed, a.Prompt, a.Steps, a.InitImageHash, a.InitStrength, a.ControlImageHash, a.ControlScale, a.ReferenceProbability, a.UseMask),
            (b.Seed, b.Prompt, b.Steps, b.InitImageHash, b.InitStrength, b.ControlImageHash, b.ControlScale, b.ReferenceProbability, b.UseMask));
        Assert.Equal(a.CharacterIds, b.CharacterIds);
    }

    [Fact]
    public async Task Another_projects_characters_and_images_cannot_be_used()
    {
        await using var scope = new StudioScope(factory.Services);
        var (projectId, owner, _, _) = await SetUpAsync(scope);
        var (otherProject, otherOwner, otherRex, _) = await SetUpAsync(scope);
        var service = scope.Get<GenerationService>();
        var other = await service.SubmitAsync(otherProject, otherOwner.Id, Base with { InitImage = TestImages.Png(64, 64) });
        var otherHash = (await RowAsync(other.Id)).InitImageHash;

        var character = await Assert.ThrowsAsync<ProjectRuleException>(() => service.SubmitAsync(projectId, owner.Id, Base with { CharacterIds = [otherRex.Id] }));
        var image = await Assert.ThrowsAsync<ProjectRuleException>(() => service.SubmitAsync(projectId, owner.Id, Base with { InitImageHash = otherHash }));

        Assert.Contains("not in this project", character.Message);
        Assert.Contains("init image", image.Message);
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => service.ReuseAsync(projectId, other.Id, owner.Id));
    }
}
