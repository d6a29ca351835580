using Bunit;
using DreamTuner.Studio.Components.Gallery;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class ImageScoreBadgesTests : MudComponentTest
{
    [Fact]
    public void A_drifted_tile_shows_both_scores_and_the_identity_drift_badge_naming_the_threshold()
    {
        var tile = Context.Render<ImageScoreBadges>(p => p
            .Add(b => b.IdentityScore, 0.412).Add(b => b.PromptScore, 0.27).Add(b => b.Drift, true).Add(b => b.Threshold, 0.5));

        Assert.Contains("identity 0.41", tile.Find(".dt-score-identity").TextContent);
        Assert.Contains("prompt 0.27", tile.Find(".dt-score-prompt").TextContent);
        var badge = tile.Find(".dt-identity-drift");
        Assert.Contains("identity drift", badge.TextContent);
        Assert.Contains("0.41", badge.GetAttribute("title"));
        Assert.Contains("0.50", badge.GetAttribute("title"));
    }

    [Fact]
    public void A_faithful_tile_has_no_badge_and_missing_scores_show_as_dashes()
    {
        var tile = Context.Render<ImageScoreBadges>(p => p.Add(b => b.IdentityScore, 0.8).Add(b => b.Drift, false));

        Assert.Empty(tile.FindAll(".dt-identity-drift"));
        Assert.Contains("identity 0.80", tile.Find(".dt-score-identity").TextContent);
        Assert.Contains("prompt —", tile.Find(".dt-score-prompt").TextContent);
    }
}
