using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class OpenPoseSkeletonTests
{
    private static readonly (int Limb, int[] Keypoints)[] LimbKeypoints =
    [
        (0, [2, 3, 4]), (1, [5, 6, 7]), (2, [8, 9, 10]), (3, [11, 12, 13]),
    ];

    [Fact]
    public void Shoulder_elbow_wrist_and_hip_knee_ankle_keypoints_lie_on_their_limbs()
    {
        foreach (var example in StarterSamples.Training(200))
        {
            var geometry = SpriteGeometry.Build(example, 64);
            foreach (var (limb, keypoints) in LimbKeypoints)
                foreach (var k in keypoints)
                {
                    var p = geometry.LocalKeypoints[k]!.Value;
                    Assert.True(geometry.Limbs[limb].Contains(p.X, p.Y), $"{example.Identity.Key}: keypoint {k} is off limb {geometry.Limbs[limb].Name}");
                }
            // Wrist and ankle keypoints are the centres of hands and feet: the limbs' far ends.
            Assert.Equal((geometry.Limbs[0].EndX, geometry.Limbs[0].EndY), geometry.LocalKeypoints[4]!.Value);
            Assert.Equal((geometry.Limbs[3].EndX, geometry.Limbs[3].EndY), geometry.LocalKeypoints[13]!.Value);
        }
    }

    [Fact]
    public void Every_lit_pose_pixel_is_inside_the_sprite_mask()
    {
        // The skeleton is drawn from the same layout with thinner strokes, so it can never leave the silhouette.
        foreach (var size in new[] { 32, 64, 128 })
            foreach (var example in StarterSamples.Training(120, seed: (ulong)size))
            {
                var rendering = StarterRenderer.Render(example, size);
                for (var p = 0; p < rendering.Mask.Length; p++)
                {
                    var lit = rendering.Pose[p * 3] != 0 || rendering.Pose[p * 3 + 1] != 0 || rendering.Pose[p * 3 + 2] != 0;
                    Assert.False(lit && rendering.Mask[p] == 0, $"{example.Identity.Key} at {size}px: pose pixel {p} outside the mask");
                }
            }
    }

    [Fact]
    public void Each_keypoint_is_drawn_in_its_openpose_colour_on_black()
    {
        var rendering = StarterRenderer.Render(StarterSamples.Reference with { Scale = SpriteScale.Large }, 128);
        Assert.Equal(16, rendering.Keypoints.Count);
        foreach (var k in rendering.Keypoints)
        {
            var i = ((int)k.Y * 128 + (int)k.X) * 3;
            var expected = OpenPoseSkeleton.Colours[k.Index];
            Assert.True(new Rgb(rendering.Pose[i], rendering.Pose[i + 1], rendering.Pose[i + 2]) == expected
                || k.Index is 0 or 1 or 14 or 15, // face points are close together: a neighbour's dot may be on top
                $"keypoint {k.Name} has colour ({rendering.Pose[i]},{rendering.Pose[i + 1]},{rendering.Pose[i + 2]})");
            Assert.Equal(255, rendering.Mask[(int)k.Y * 128 + (int)k.X]);
        }
        Assert.Equal(0, rendering.Pose[0] + rendering.Pose[1] + rendering.Pose[2]);
    }

    [Fact]
    public void Changing_an_arm_angle_moves_only_that_arms_keypoints()
    {
        var a = SpriteGeometry.Build(StarterSamples.Reference, 64).LocalKeypoints;
        var b = SpriteGeometry.Build(StarterSamples.Reference with { Pose = StarterSamples.Reference.Pose with { LeftArm = 20 } }, 64).LocalKeypoints;
        for (var k = 0; k < a.Count; k++)
            Assert.Equal(k is 6 or 7, a[k] != b[k]);
    }
}
