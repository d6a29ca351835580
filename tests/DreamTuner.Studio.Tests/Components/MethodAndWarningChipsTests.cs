using Bunit;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Components.Generations;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Methods;
using DreamTuner.Studio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace DreamTuner.Studio.Tests.Components;

public sealed class MethodAndWarningChipsTests : MudComponentTest
{
    public MethodAndWarningChipsTests()
    {
        Context.Services.AddSingleton(new GenerationUpdates(NullLogger<GenerationUpdates>.Instance));
        Context.Services.AddSingleton(TimeProvider.System);
    }

    private static CharacterInfo Character(string name, bool trained) => new(
        Guid.NewGuid(), Guid.NewGuid(), name, "fox", $"[S{name.Length}*]", null, "image/png", 100, true, trained, DateTimeOffset.UtcNow);

    [Theory]
    [InlineData(InstalledCoarseIdentity.SubjectEncoder, false, "subject-encoder + SSA", false)]
    [InlineData(InstalledCoarseIdentity.IPAdapter, false, "IP-Adapter + SSA", false)]
    [InlineData(InstalledCoarseIdentity.None, false, "SSA only", true)]
    [InlineData(InstalledCoarseIdentity.None, true, "trained package + SSA only", false)]
    [InlineData(InstalledCoarseIdentity.SubjectEncoder, true, "trained package + subject-encoder + SSA", false)]
    [InlineData(InstalledCoarseIdentity.Unknown, false, "method chosen by the engine", false)]
    public void Each_character_names_the_method_it_will_get(InstalledCoarseIdentity coarse, bool trained, string label, bool fallback)
    {
        var method = CharacterMethod.For(Character("Fox", trained), coarse, "starter");
        var chips = Context.Render<CharacterMethodChips>(p => p.Add(c => c.Methods, [method]));

        var chip = chips.Find(".dt-method-chip");
        Assert.Equal($"Fox: {label}", chip.TextContent.Trim());
        Assert.Equal(fallback, chip.ClassList.Contains("dt-method-fallback"));
    }

    [Fact]
    public void Ssa_only_says_no_subject_encoder_is_installed_in_the_chosen_model()
    {
        var chips = Context.Render<CharacterMethodChips>(p => p.Add(c => c.Methods,
            [CharacterMethod.For(Character("Fox", false), InstalledCoarseIdentity.None, "starter")]));

        Assert.Contains("no subject-encoder is installed in model \"starter\"", chips.Find(".dt-method-why").TextContent);
    }

    [Fact]
    public void The_generate_form_shows_a_method_chip_only_for_characters_the_prompt_uses()
    {
        var fox = Character("Fox", false);
        var owl = Character("Owlet", true);
        var model = new GenerationFormModel { Prompt = $"{owl.Token} in the snow" };
        Context.Render<MudPopoverProvider>();
        var form = Context.Render<GenerationForm>(p => p.Add(c => c.Model, model).Add(c => c.Characters, [fox, owl])
            .Add(c => c.CoarseIdentityOf, _ => InstalledCoarseIdentity.None));

        var chip = Assert.Single(form.FindAll(".dt-method-chip"));
        Assert.Equal("Owlet: trained package + SSA only", chip.TextContent.Trim());
    }

    [Fact]
    public void A_finished_generation_shows_the_engines_warnings_and_a_running_one_does_not()
    {
        var warnings = new[] { "No subject-encoder or IP-Adapter is installed in model \"starter\"", "reference 1 has no mask" };
        var card = Context.Render<GenerationCard>(p => p.Add(c => c.Generation, Info(JobStatus.Succeeded, warnings)));

        Assert.Equal(warnings, card.FindAll(".dt-warning").Select(w => w.TextContent.Trim()));

        var running = Context.Render<GenerationCard>(p => p.Add(c => c.Generation, Info(JobStatus.Running, warnings)));
        Assert.Empty(running.FindAll(".dt-warning"));
    }

    private static GenerationInfo Info(JobStatus status, IReadOnlyList<string> warnings) => new(
        Guid.NewGuid(), Guid.NewGuid(), "a fox", null, 7, SchedulerKind.Ddim, 20, 7, 64, 64, 1, "starter", status, null, 20, 20, null, null,
        Guid.NewGuid(), DateTimeOffset.UtcNow, status == JobStatus.Succeeded ? [Guid.NewGuid()] : [], warnings);
}
