using Bunit;
using DreamTuner.Studio.Components.Storyboards;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Tests.Components;

public sealed class StoryboardRowTests : MudComponentTest
{
    private static readonly StoryboardSummary Board = new(Guid.NewGuid(), "Pilot", "first cut", 3, DateTimeOffset.UtcNow, 17);

    [Fact]
    public void Delete_asks_first_and_keep_cancels()
    {
        var deleted = new List<Guid>();
        var row = Context.Render<StoryboardRow>(p => p.Add(c => c.Board, Board).Add(c => c.CanEdit, true).Add(c => c.OnDelete, id => deleted.Add(id)));

        row.Find("button.dt-delete-storyboard").Click();
        Assert.Contains("3 panels", row.Find(".dt-confirm-delete").TextContent);
        row.Find("button.dt-delete-cancel").Click();
        Assert.Empty(deleted);
        Assert.Empty(row.FindAll(".dt-confirm-delete"));

        row.Find("button.dt-delete-storyboard").Click();
        row.Find("button.dt-delete-confirm").Click();
        Assert.Equal([Board.Id], deleted);
    }

    [Fact]
    public void Rename_submits_the_trimmed_texts_with_the_loaded_version_and_escape_leaves_it_unchanged()
    {
        StoryboardRename? renamed = null;
        var row = Context.Render<StoryboardRow>(p => p.Add(c => c.Board, Board).Add(c => c.CanEdit, true).Add(c => c.OnRename, r => renamed = r));

        row.Find("button.dt-rename").Click();
        Assert.Equal("Pilot", row.Find("input.dt-rename-title").GetAttribute("value"));
        row.Find("form.dt-storyboard-rename").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(row.FindAll("form.dt-storyboard-rename"));

        row.Find("button.dt-rename").Click();
        row.Find("input.dt-rename-title").Input("  Pilot II ");
        row.Find("input.dt-rename-description").Input("");
        row.Find("form.dt-storyboard-rename").Submit();
        Assert.Equal(new StoryboardRename(Board.Id, "Pilot II", null, 17), renamed);
    }

    [Fact]
    public void Viewers_get_the_link_without_rename_or_delete()
    {
        var row = Context.Render<StoryboardRow>(p => p.Add(c => c.Board, Board).Add(c => c.CanEdit, false).Add(c => c.ProjectId, Guid.Empty));

        Assert.Contains("Pilot", row.Find("a.dt-storyboard-link").TextContent);
        Assert.Empty(row.FindAll("button.dt-rename"));
        Assert.Empty(row.FindAll("button.dt-delete-storyboard"));
    }
}
