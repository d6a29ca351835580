using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Tests.Starter.Evaluation;

public sealed class SpriteMatchTests
{
    private static readonly StarterExample Example = StarterSamples.Reference;

    /// <summary>The reading a perfect reader gives of <see cref="Example"/>.</summary>
    private static SpriteReading Perfect() => SpriteLabels.Reading(SpriteLabels.Classes(Example), SpriteLabels.Cells(Example.Identity.Emblem));

    [Fact]
    public void A_perfect_reading_matches_every_attribute_in_the_documented_order()
    {
        var identity = SpriteMatch.IdentityAttributes(Perfect(), Example.Identity);
        var scene = SpriteMatch.SceneAttributes(Perfect(), Example);

        Assert.Equal(["shape", "body_colour", "pattern", "pattern_colour", "eyes", "accessory", "accessory_colour"], identity.Keys);
        Assert.Equal(["scene", "horizontal", "vertical", "scale", "pose"], scene.Keys);
        Assert.All(identity.Values.Concat(scene.Values), Assert.True);
        Assert.Equal(1.0, SpriteMatch.EmblemMatch(Perfect(), Example.Identity.Emblem));
    }

    [Fact]
    public void Labels_survive_the_class_index_round_trip_for_many_world_examples()
    {
        foreach (var example in StarterSamples.Training(200))
        {
            var reading = SpriteLabels.Reading(SpriteLabels.Classes(example), SpriteLabels.Cells(example.Identity.Emblem));
            Assert.All(SpriteMatch.IdentityAttributes(reading, example.Identity).Values, Assert.True);
            Assert.Equal(example.Pose, reading.Pose);
            Assert.Equal(example.Scene, reading.Scene);
        }
    }

    [Fact]
    public void A_wrong_body_colour_fails_only_body_colour()
    {
        var reading = Perfect() with { BodyColour = StarterColour.Green };
        var identity = SpriteMatch.IdentityAttributes(reading, Example.Identity);
        Assert.False(identity["body_colour"]);
        Assert.Equal(6, identity.Values.Count(v => v));
    }

    [Fact]
    public void Reading_no_pattern_colour_when_there_is_one_fails_and_none_for_none_matches()
    {
        Assert.False(SpriteMatch.IdentityAttributes(Perfect() with { PatternColour = null }, Example.Identity)["pattern_colour"]);

        var plain = Example.Identity with { Pattern = BodyPattern.None, PatternColour = null, Accessory = Accessory.None, AccessoryColour = null };
        var reading = Perfect() with { Pattern = BodyPattern.None, PatternColour = null, Accessory = Accessory.None, AccessoryColour = null };
        var matches = SpriteMatch.IdentityAttributes(reading, plain);
        Assert.True(matches["pattern_colour"]);
        Assert.True(matches["accessory_colour"]);
        Assert.False(SpriteMatch.IdentityAttributes(reading with { AccessoryColour = StarterColour.Red }, plain)["accessory_colour"]);
    }

    [Fact]
    public void Emblem_match_is_the_share_of_free_cells_read_right()
    {
        var cells = SpriteLabels.Cells(Example.Identity.Emblem);
        foreach (var i in new[] { 0, 7, 14 })
            cells[i] = !cells[i];
        Assert.Equal(12.0 / 15, SpriteMatch.EmblemMatch(Perfect() with { EmblemCells = cells }, Example.Identity.Emblem), 12);
        // The cells are the glyph's left half with its middle column, row by row.
        Assert.Equal(EmblemGlyphs.IsSet(423, 1, 2), SpriteLabels.Cells(423)[5]);
    }

    [Fact]
    public void A_pose_matches_within_the_arm_and_leg_tolerances_and_not_beyond()
    {
        var pose = Example.Pose;
        Assert.True(SpriteMatch.SceneAttributes(Perfect() with { Pose = pose with { RightArm = pose.RightArm + SpriteMatch.ArmToleranceDegrees } }, Example)["pose"]);
        Assert.False(SpriteMatch.SceneAttributes(Perfect() with { Pose = pose with { LeftArm = pose.LeftArm - SpriteMatch.ArmToleranceDegrees - 5 } }, Example)["pose"]);
        Assert.True(SpriteMatch.SceneAttributes(Perfect() with { Pose = pose with { LeftLeg = pose.LeftLeg + SpriteMatch.LegToleranceDegrees } }, Example)["pose"]);
        Assert.False(SpriteMatch.SceneAttributes(Perfect() with { Pose = pose with { RightLeg = pose.RightLeg + SpriteMatch.LegToleranceDegrees + 5 } }, Example)["pose"]);
    }

    [Fact]
    public void A_wrong_scene_or_position_fails_only_that_attribute()
    {
        var scene = SpriteMatch.SceneAttributes(Perfect() with { Scene = SceneKind.Night, Horizontal = HorizontalPosition.Left }, Example);
        Assert.False(scene["scene"]);
        Assert.False(scene["horizontal"]);
        Assert.True(scene["vertical"] && scene["scale"] && scene["pose"]);
    }
}
