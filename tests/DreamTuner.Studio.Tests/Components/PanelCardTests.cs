using Bunit;
using DreamTuner.Studio.Components.Storyboards;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class PanelCardTests : MudComponentTest
{
    private static readonly Guid PanelId = Guid.NewGuid();

    private static PanelDetails Panel(string? shot, uint version, string? dialogue = null) =>
        new(PanelId, 1, shot, dialogue, [], null, null, [], DateTimeOffset.UtcNow, version);

    [Fact]
    public void Arrow_buttons_move_the_panel_one_place_and_are_disabled_at_the_ends()
    {
        var moves = new List<PanelMove>();
        var card = Context.Render<PanelCard>(p => p.Add(c => c.Panel, Panel("a", 1)).Add(c => c.Index, 1).Add(c => c.Count, 3)
            .Add(c => c.CanEdit, true).Add(c => c.OnMove, m => moves.Add(m)));

        card.Find("button.dt-move-up").Click();
        card.Find("button.dt-move-down").Click();
        Assert.Equal([new PanelMove(PanelId, 0), new PanelMove(PanelId, 2)], moves);

        card.Render(p => p.Add(c => c.Index, 0));
        Assert.True(card.Find("button.dt-move-up").HasAttribute("disabled"));
        Assert.Equal("Panel 1", card.Find(".dt-panel-number").TextContent);
    }

    [Fact]
    public void Someone_elses_newer_save_keeps_the_unsaved_text_and_shows_theirs_and_save_uses_the_new_version()
    {
        PanelSave? saved = null;
        var card = Context.Render<PanelCard>(p => p.Add(c => c.Panel, Panel("wide", 10)).Add(c => c.CanEdit, true).Add(c => c.OnSave, s => saved = s));
        card.Find("textarea.dt-shot").Input("my close-up");

        // Their save arrives live: both texts are shown, and a save of ours is still based on the version we started from.
        card.Render(p => p.Add(c => c.Panel, Panel("their pan", 11, "hello")));
        Assert.Equal("my close-up", card.Find("textarea.dt-shot").GetAttribute("value"));
        Assert.Contains("their pan", card.Find(".dt-theirs").TextContent);
        card.Find("button.dt-save-panel").Click();
        Assert.Equal(("my close-up", 10u), (saved!.Edit.ShotDescription, saved.Version));

        // The service refused it; once told, saving again overwrites theirs on purpose.
        card.Render(p => p.Add(c => c.Conflict, "Someone else saved this panel"));
        Assert.Contains("Someone else saved", card.Find(".dt-conflict").TextContent);
        Assert.Equal("my close-up", card.Find("textarea.dt-shot").GetAttribute("value"));
        card.Find("button.dt-save-panel").Click();
        Assert.Equal(("my close-up", 11u), (saved.Edit.ShotDescription, saved.Version));

        // Or the user takes theirs instead.
        card.Find(".dt-take-theirs").Click();
        Assert.Equal("their pan", card.Find("textarea.dt-shot").GetAttribute("value"));
    }

    [Fact]
    public void Viewer_sees_the_text_without_edit_or_move_controls()
    {
        var card = Context.Render<PanelCard>(p => p.Add(c => c.Panel, Panel("wide", 1, "It begins.")).Add(c => c.CanEdit, false));

        Assert.Empty(card.FindAll("textarea"));
        Assert.Empty(card.FindAll("button.dt-move-up"));
        Assert.Contains("It begins.", card.Find(".dt-dialogue-text").TextContent);
        Assert.Equal("false", card.Find(".dt-panel").GetAttribute("draggable"));
    }
}
