using Bunit;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Components.Generations;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using MudBlazor;

namespace DreamTuner.Studio.Tests.Components;

public sealed class GenerationFormTests : MudComponentTest
{
    private static readonly CharacterInfo Rex = Character("Rex", "[S1*]", trained: false);
    private static readonly CharacterInfo Mia = Character("Mia", "[S2*]", trained: true);

    private static CharacterInfo Character(string name, string token, bool trained) =>
        new(Guid.NewGuid(), Guid.NewGuid(), name, "dog", token, null, "image/png", 100, true, trained, DateTimeOffset.UtcNow);

    private bool _providerRendered;

    private IRenderedComponent<GenerationForm> Render(GenerationFormModel model, IReadOnlyList<CharacterInfo>? characters = null,
        Func<GenerationRequest, Task<bool>>? onSubmit = null, string? error = null)
    {
        if (!_providerRendered) Context.Render<MudPopoverProvider>();
        _providerRendered = true;
        return Context.Render<GenerationForm>(p => p
            .Add(c => c.Model, model)
            .Add(c => c.Characters, characters ?? [Rex, Mia])
            .Add(c => c.Error, error)
            .Add(c => c.OnSubmit, onSubmit ?? (_ => Task.FromResult(true))));
    }

    [Fact]
    public void Clicking_a_character_chip_appends_its_token_to_the_prompt()
    {
        var model = new GenerationFormModel { Prompt = "a photo of" };
        var form = Render(model);

        // A chip is a keyboard-reachable button that must not submit the form it sits in.
        var chip = form.Find($"#character-chip-{Mia.Id}");
        Assert.Equal(("BUTTON", "button"), (chip.TagName, chip.GetAttribute("type")));
        chip.Click();
        form.Find($"#character-chip-{Rex.Id}").Click();

        Assert.Equal("a photo of [S2*] [S1*]", model.Prompt);
        Assert.Equal("a photo of [S2*] [S1*]", form.Find("#prompt").GetAttribute("value") ?? form.Find("#prompt").TextContent);
    }

    [Fact]
    public void The_chip_list_sits_above_the_prompt_and_says_characters_work_without_training()
    {
        var form = Render(new GenerationFormModel());

        var markup = form.Markup;
        Assert.True(markup.IndexOf("character-chips", StringComparison.Ordinal) < markup.IndexOf("id=\"prompt\"", StringComparison.Ordinal));
        Assert.Contains("without training", form.Find("#characters-hint").TextContent);
        Assert.Empty(Render(new GenerationFormModel(), characters: []).FindAll("#character-chips"));
    }

    [Fact]
    public void Reuse_fills_every_field_from_the_request_seed_included()
    {
        var request = new GenerationRequest
        {
            Prompt = "[S1*] on the moon", NegativePrompt = "blurry", Steps = 12, Scheduler = SchedulerKind.Ddim, GuidanceScale = 5.5,
            Seed = 987654, Width = 576, Height = 448, BatchSize = 2, ModelId = "other", CharacterIds = [Rex.Id],
            InitImageHash = new string('a', 64), InitStrength = 0.45, ControlImageHash = new string('b', 64), ControlType = ControlType.Depth,
            ControlScale = 0.7, SubjectEncoderBeta = 0.35, ReferenceAttentionWeight = 2.5, ReferenceGuidance = 4, ReferenceProbability = 0.6,
            ReferenceDeltaT = 10, ReferenceDeltaTPrime = 30, ReferencePrompt = "a dog", UseMask = false,
        };
        var model = GenerationFormModel.From(request);
        var form = Render(model);

        Assert.Equal(request with { ControlStart = 0, ControlEnd = 1 }, model.ToRequest() with { CharacterIds = request.CharacterIds },
            new RequestComparer());
        Assert.Equal([Rex.Id], model.ToRequest().CharacterIds);
        Assert.True(model.KeepSeed);
        Assert.Equal("987654", form.Find("#seed").GetAttribute("value"));
        Assert.Equal("[S1*] on the moon", form.Find("#prompt").GetAttribute("value") ?? form.Find("#prompt").TextContent);
        Assert.Equal("0.45", form.Find("#init-strength").GetAttribute("value"));
        Assert.NotNull(form.Find("#init-image-name"));
        Assert.NotNull(form.Find("#control-image-name"));
    }

    [Fact]
    public void The_dreamtuner_panel_starts_with_the_papers_defaults_and_submitting_sends_them()
    {
        GenerationRequest? sent = null;
        var form = Render(new GenerationFormModel { Prompt = "[S1*] dog" }, onSubmit: r => { sent = r; return Task.FromResult(true); });
        form.Find("#dreamtuner-settings .mud-expand-panel-header").Click();

        Assert.Equal("0.2", form.Find("#dt-beta").GetAttribute("value"));
        Assert.Equal("3", form.Find("#dt-wref").GetAttribute("value"));
        Assert.Equal("0.9", form.Find("#dt-pr").GetAttribute("value"));
        Assert.Equal("20", form.Find("#dt-delta-t").GetAttribute("value"));
        form.Find("#wref-anime").Click();
        form.Find("form").Submit();

        Assert.NotNull(sent);
        Assert.Equal((DreamTunerDefaults.Beta, DreamTunerDefaults.WRefAnime, DreamTunerDefaults.OmegaR, DreamTunerDefaults.PR, true),
            (sent.SubjectEncoderBeta, sent.ReferenceAttentionWeight, sent.ReferenceGuidance, sent.ReferenceProbability, sent.UseMask));
        Assert.Equal((DreamTunerDefaults.DeltaT, DreamTunerDefaults.DeltaTPrime, 7.5), (sent.ReferenceDeltaT, sent.ReferenceDeltaTPrime, sent.GuidanceScale));
    }

    [Fact]
    public void A_refusal_from_the_service_is_shown_under_the_form()
    {
        var form = Render(new GenerationFormModel(), error: "p_r (reference-guided probability) must be between 0 and 1.");

        Assert.Contains("p_r (reference-guided probability) must be between 0 and 1.", form.Find("#generate-error").TextContent);
    }

    /// <summary>Records compare lists by reference; this compares them by content.</summary>
    private sealed class RequestComparer : IEqualityComparer<GenerationRequest>
    {
        public bool Equals(GenerationRequest? x, GenerationRequest? y) =>
            x is not null && y is not null && x.CharacterIds.SequenceEqual(y.CharacterIds)
            && x with { CharacterIds = Array.Empty<Guid>() } == y with { CharacterIds = Array.Empty<Guid>() };

        public int GetHashCode(GenerationRequest obj) => 0;
    }
}
