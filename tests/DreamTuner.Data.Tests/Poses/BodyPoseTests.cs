using DreamTuner.Data.Poses;

namespace DreamTuner.Data.Tests.Poses;

public sealed class BodyPoseTests
{
    public static TheoryData<string> PresetNames => new(PosePresets.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Mirroring_a_preset_twice_gives_the_preset_back(string preset)
    {
        var pose = PosePresets.Named(preset);
        Assert.Equal(pose, pose.Mirror().Mirror());
    }

    [Fact]
    public void Mirroring_twice_is_the_identity_for_any_pose_including_missing_keypoints_and_the_edges()
    {
        var random = new Random(7);
        for (var n = 0; n < 200; n++)
        {
            var pose = new BodyPose(Enumerable.Range(0, OpenPoseBody.KeypointCount)
                .Select(_ => random.Next(5) == 0 ? (PosePoint?)null : new PosePoint(random.Next(BodyPose.Extent + 1), random.Next(BodyPose.Extent + 1))));
            Assert.Equal(pose, pose.Mirror().Mirror());
        }
    }

    [Fact]
    public void Mirroring_swaps_left_and_right_keypoints_and_reflects_them_across_the_middle()
    {
        var waving = PosePresets.Waving;
        var mirrored = waving.Mirror();
        // The raised right wrist (4) becomes a raised left wrist (7) on the other side of the image.
        Assert.Equal(new PosePoint(BodyPose.Extent - waving[4]!.Value.X, waving[4]!.Value.Y), mirrored[7]);
        Assert.Equal(new PosePoint(BodyPose.Extent - waving[7]!.Value.X, waving[7]!.Value.Y), mirrored[4]);
        Assert.True(mirrored[7]!.Value.Y < mirrored[0]!.Value.Y, "the raised hand stays above the head");
        foreach (var (right, left) in new[] { (2, 5), (3, 6), (8, 11), (9, 12), (10, 13), (14, 15), (16, 17) })
        {
            Assert.Equal(BodyPose.Extent - waving[right]!.Value.X, mirrored[left]!.Value.X);
            Assert.Equal(waving[right]!.Value.Y, mirrored[left]!.Value.Y);
        }
        // Nose and neck stay themselves, reflected.
        Assert.Equal(new PosePoint(BodyPose.Extent - waving[1]!.Value.X, waving[1]!.Value.Y), mirrored[1]);
    }

    [Fact]
    public void Every_keypoint_has_a_mirror_partner_that_names_the_other_side()
    {
        for (var k = 0; k < OpenPoseBody.KeypointCount; k++)
        {
            var partner = OpenPoseBody.MirrorOf(k);
            Assert.Equal(k, OpenPoseBody.MirrorOf(partner));
            var name = OpenPoseBody.KeypointNames[k];
            var expected = name.StartsWith("right_", StringComparison.Ordinal) ? "left_" + name[6..]
                : name.StartsWith("left_", StringComparison.Ordinal) ? "right_" + name[5..] : name;
            Assert.Equal(expected, OpenPoseBody.KeypointNames[partner]);
        }
    }

    [Fact]
    public void The_standing_preset_is_its_own_mirror_image_and_the_waving_preset_is_not()
    {
        Assert.Equal(PosePresets.Standing, PosePresets.Standing.Mirror());
        Assert.NotEqual(PosePresets.Waving, PosePresets.Waving.Mirror());
    }

    [Fact]
    public void Presets_are_distinct_and_keep_the_person_inside_the_frame_with_every_keypoint_shown()
    {
        Assert.Equal(4, PosePresets.All.Select(p => p.Pose).Distinct().Count());
        Assert.Equal(["standing", "sitting", "walking", "waving"], PosePresets.All.Select(p => p.Name));
        foreach (var (_, pose) in PosePresets.All)
            Assert.All(pose.Keypoints, p => Assert.True(p is { X: > 50 and < 950, Y: > 50 and < 950 }));
        // Sitting lowers the head; waving raises the right wrist above the nose.
        Assert.True(PosePresets.Sitting[0]!.Value.Y > PosePresets.Standing[0]!.Value.Y);
        Assert.True(PosePresets.Waving[4]!.Value.Y < PosePresets.Waving[0]!.Value.Y);
    }

    [Fact]
    public void Moving_a_keypoint_changes_only_that_keypoint_and_clamps_it_into_the_image()
    {
        var moved = PosePresets.Standing.Move(4, 1200, -30);
        Assert.Equal(new PosePoint(BodyPose.Extent, 0), moved[4]);
        for (var k = 0; k < OpenPoseBody.KeypointCount; k++)
            if (k != 4)
                Assert.Equal(PosePresets.Standing[k], moved[k]);
    }

    [Fact]
    public void Json_round_trip_keeps_the_pose_and_missing_keypoints()
    {
        var pose = new BodyPose(PosePresets.Walking.Keypoints.Select((p, k) => k >= 16 ? null : p));
        var json = pose.ToJson();
        Assert.StartsWith("[[510,170],[500,270],", json, StringComparison.Ordinal);
        Assert.EndsWith(",null,null]", json, StringComparison.Ordinal);
        Assert.Equal(pose, BodyPose.FromJson(json));
    }

    [Theory]
    [InlineData("[[1,2]]")]
    [InlineData("{\"x\":1}")]
    [InlineData("[[1,2,3],null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null]")]
    [InlineData("[[1001,2],null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null]")]
    public void Malformed_or_out_of_range_keypoints_are_refused(string json) =>
        Assert.Throws<ArgumentException>(() => BodyPose.FromJson(json));
}
