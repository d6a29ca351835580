using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Bench;
using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Tests.Starter.Bench;

public sealed class ExactAttributeMatcherTests
{
    private static readonly StarterWorld World = new(0);

    [Fact]
    public void A_truthful_reading_matches_every_attribute_and_the_whole_emblem()
    {
        for (int i = 0; i < 20; i++)
        {
            var example = World.HeldOutEmblemExample(i);
            var reading = SpriteReadings.Truth(example);
            var matcher = ExactAttributeMatcher.Instance;

            Assert.All(matcher.IdentityAttributes(reading, example.Identity).Values, Assert.True);
            Assert.All(matcher.SceneAttributes(reading, example).Values, Assert.True);
            Assert.Equal(1.0, matcher.EmblemMatch(reading, example.Identity.Emblem));
        }
    }

    [Fact]
    public void Colours_of_a_pattern_or_accessory_count_only_when_the_identity_has_one()
    {
        var plain = Enumerable.Range(0, 200).Select(i => World.TrainingExample(i).Identity).First(id => id.Pattern == BodyPattern.None && id.Accessory == Accessory.None);
        var dressed = Enumerable.Range(0, 200).Select(i => World.TrainingExample(i).Identity).First(id => id.Pattern != BodyPattern.None && id.Accessory != Accessory.None);

        Assert.Equal(5, ExactAttributeMatcher.Instance.IdentityAttributes(SpriteReadings.Truth(new StarterWorld(0).TrainingExample(0) with { Identity = plain }), plain).Count);
        Assert.Equal(7, ExactAttributeMatcher.Instance.IdentityAttributes(SpriteReadings.Truth(new StarterWorld(0).TrainingExample(0) with { Identity = dressed }), dressed).Count);
    }

    [Fact]
    public void One_wrong_glyph_cell_costs_one_fifteenth_of_the_emblem_match()
    {
        var example = World.HeldOutEmblemExample(3);
        var truth = SpriteReadings.Truth(example);
        var cells = truth.EmblemCells.ToArray();
        cells[7] = !cells[7];

        Assert.Equal(14 / 15.0, ExactAttributeMatcher.Instance.EmblemMatch(truth with { EmblemCells = cells }, example.Identity.Emblem), 9);
    }

    [Fact]
    public void A_pose_counts_when_every_limb_is_within_the_tolerance_and_not_beyond()
    {
        var asked = new SpritePose(90, 90, 20, 20);

        var example = new StarterWorld(0).TrainingExample(0) with { Pose = asked };
        bool Reads(SpritePose pose) => ExactAttributeMatcher.Instance.SceneAttributes(SpriteReadings.Truth(example) with { Pose = pose }, example)["pose"];

        Assert.True(Reads(asked with { RightArm = 90 + SpriteMatch.ArmToleranceDegrees }));
        Assert.False(Reads(asked with { LeftLeg = 20 + SpriteMatch.LegToleranceDegrees + 5 }));
    }

    [Fact]
    public void A_position_counts_only_when_both_axes_are_right()
    {
        var example = World.HeldOutIdentityExample(4);
        var truth = SpriteReadings.Truth(example);
        var wrongVertical = truth with { Vertical = example.Vertical == VerticalPosition.Top ? VerticalPosition.Bottom : VerticalPosition.Top };

        Assert.False(ExactAttributeMatcher.Instance.SceneAttributes(wrongVertical, example)["position"]);
        Assert.True(ExactAttributeMatcher.Instance.SceneAttributes(wrongVertical, example)["scene"]);
    }
}
