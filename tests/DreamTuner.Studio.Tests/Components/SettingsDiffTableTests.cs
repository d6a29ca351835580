using Bunit;
using DreamTuner.Studio.Components.Compare;
using DreamTuner.Studio.Services.Compare;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class SettingsDiffTableTests : MudComponentTest
{
    private static CompareTake Take(params (string Name, string? Value)[] settings) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "a fox", 64, 64, [.. settings.Select(s => new TakeSetting(s.Name, s.Value))]);

    [Fact]
    public void Differing_settings_are_listed_per_take_and_equal_ones_are_folded_away()
    {
        var table = Context.Render<SettingsDiffTable>(p => p.Add(c => c.Takes, [
            Take(("Prompt", "a fox"), ("Seed", "7"), ("Steps", "20")),
            Take(("Prompt", "a fox"), ("Seed", "8"), ("Steps", "20")),
        ]));

        var different = table.FindAll("#diff-different tr.dt-differs");
        var seed = Assert.Single(different);
        Assert.Equal("Seed", seed.GetAttribute("data-setting"));
        Assert.Equal(["7", "8"], seed.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(3, table.FindAll("#diff-different thead th").Count); // "Setting", Take 1, Take 2

        var same = table.Find("details#diff-same");
        Assert.False(same.HasAttribute("open"));
        Assert.Contains("2 equal settings", same.QuerySelector("summary")!.TextContent);
        Assert.Equal(["Prompt", "Steps"], same.QuerySelectorAll("tr").Select(tr => tr.GetAttribute("data-setting")));
    }

    [Fact]
    public void With_three_takes_the_value_no_other_take_shares_is_marked_and_a_setting_one_take_lacks_differs()
    {
        var table = Context.Render<SettingsDiffTable>(p => p.Add(c => c.Takes, [
            Take(("Guidance", "7"), ("β (subject-encoder)", "0.2")),
            Take(("Guidance", "7")),
            Take(("Guidance", "9")),
        ]));

        var guidance = table.Find("tr[data-setting='Guidance']");
        Assert.Equal([false, false, true], guidance.QuerySelectorAll("td").Select(td => td.ClassList.Contains("dt-diff-odd")));
        var beta = table.Find("tr[data-setting='β (subject-encoder)']");
        Assert.Contains("dt-differs", beta.ClassList);
        Assert.Equal(["0.2", "—", "—"], beta.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Empty(table.FindAll("#diff-same"));
    }

    [Fact]
    public void Identical_takes_say_so_and_settings_no_take_used_are_left_out()
    {
        var table = Context.Render<SettingsDiffTable>(p => p.Add(c => c.Takes, [
            Take(("Seed", "7"), ("ControlNet scale", null)),
            Take(("Seed", "7"), ("ControlNet scale", null)),
        ]));

        Assert.Equal("All settings are the same.", table.Find("#diff-none").TextContent);
        Assert.Single(table.FindAll("#diff-same tr"));
        Assert.DoesNotContain("ControlNet scale", table.Markup);
    }
}
