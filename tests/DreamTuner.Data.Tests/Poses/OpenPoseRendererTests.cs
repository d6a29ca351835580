using DreamTuner.Data.Poses;

namespace DreamTuner.Data.Tests.Poses;

public sealed class OpenPoseRendererTests
{
    private const int Side = 512;

    [Fact]
    public void Each_keypoint_is_a_dot_of_its_openpose_colour_and_the_corners_stay_black()
    {
        var pixels = OpenPoseRenderer.Render(PosePresets.Standing, Side, Side);
        for (var k = 0; k < OpenPoseBody.KeypointCount; k++)
        {
            var (x, y) = OpenPoseRenderer.ToPixels(PosePresets.Standing[k]!.Value, Side, Side);
            Assert.Equal(OpenPoseBody.Colours[k], At(pixels, Side, (int)Math.Round(x), (int)Math.Round(y)));
        }
        foreach (var (x, y) in new[] { (0, 0), (Side - 1, 0), (0, Side - 1), (Side - 1, Side - 1) })
            Assert.Equal(new PoseColour(0, 0, 0), At(pixels, Side, x, y));
    }

    [Fact]
    public void A_stick_is_drawn_at_sixty_percent_of_its_limbs_colour_between_its_joints()
    {
        var pixels = OpenPoseRenderer.Render(PosePresets.Standing, Side, Side);
        // Limb 7 is right hip (8) -> right knee (9); its middle is far from any dot.
        var (ax, ay) = OpenPoseRenderer.ToPixels(PosePresets.Standing[8]!.Value, Side, Side);
        var (bx, by) = OpenPoseRenderer.ToPixels(PosePresets.Standing[9]!.Value, Side, Side);
        var colour = At(pixels, Side, (int)Math.Round((ax + bx) / 2), (int)Math.Round((ay + by) / 2));
        var full = OpenPoseBody.Colours[7];
        Assert.Equal(new PoseColour((byte)(full.R * 6 / 10), (byte)(full.G * 6 / 10), (byte)(full.B * 6 / 10)), colour);
        Assert.Equal(new PoseColour(0, 153, 51), colour);
    }

    [Fact]
    public void Moving_a_joint_changes_pixels_near_its_old_and_new_place_and_nowhere_far_from_both()
    {
        var before = PosePresets.Standing;
        var after = before.Move(4, 200, 700);
        var a = OpenPoseRenderer.Render(before, Side, Side);
        var b = OpenPoseRenderer.Render(after, Side, Side);
        var oldAt = OpenPoseRenderer.ToPixels(before[4]!.Value, Side, Side);
        var newAt = OpenPoseRenderer.ToPixels(after[4]!.Value, Side, Side);
        var elbow = OpenPoseRenderer.ToPixels(before[3]!.Value, Side, Side);

        Assert.Equal(OpenPoseBody.Colours[4], At(b, Side, (int)Math.Round(newAt.X), (int)Math.Round(newAt.Y)));
        Assert.Equal(new PoseColour(0, 0, 0), At(b, Side, (int)Math.Round(oldAt.X), (int)Math.Round(oldAt.Y)));
        var changed = 0;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                if (At(a, Side, x, y) == At(b, Side, x, y))
                    continue;
                changed++;
                // Only the forearm moved: every changed pixel is on the old or the new forearm (elbow to wrist), within a dot's reach.
                var reach = Math.Min(DistanceToSegment(x, y, elbow, oldAt), DistanceToSegment(x, y, elbow, newAt));
                Assert.True(reach <= OpenPoseRenderer.DotRadius + 1.5, $"pixel ({x}, {y}) changed {reach:0.0} px away from the forearm");
            }
        }
        Assert.True(changed > 100, $"only {changed} pixels changed");
    }

    [Fact]
    public void Missing_keypoints_draw_neither_their_dot_nor_their_sticks()
    {
        var pose = new BodyPose(PosePresets.Standing.Keypoints.Select((p, k) => k == 4 ? null : p));
        var pixels = OpenPoseRenderer.Render(pose, Side, Side);
        var (x, y) = OpenPoseRenderer.ToPixels(PosePresets.Standing[4]!.Value, Side, Side);
        Assert.Equal(new PoseColour(0, 0, 0), At(pixels, Side, (int)Math.Round(x), (int)Math.Round(y)));
        Assert.Equal(OpenPoseBody.Colours[3], At(pixels, Side, (int)Math.Round(OpenPoseRenderer.ToPixels(pose[3]!.Value, Side, Side).X),
            (int)Math.Round(OpenPoseRenderer.ToPixels(pose[3]!.Value, Side, Side).Y)));
    }

    [Fact]
    public void The_image_has_the_requested_size_and_strokes_scale_with_the_shorter_side()
    {
        var small = OpenPoseRenderer.Render(PosePresets.Standing, 256, 384);
        var large = OpenPoseRenderer.Render(PosePresets.Standing, 1024, 1024);
        Assert.Equal(256 * 384 * 3, small.Length);
        var litSmall = Lit(small) / (256.0 * 384);
        var litLarge = Lit(large) / (1024.0 * 1024);
        // A quarter-width stroke at a quarter of the side covers about a quarter of the share of pixels.
        Assert.InRange(litSmall / litLarge, 0.5, 1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenPoseRenderer.Render(PosePresets.Standing, 8, 512));
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        Assert.Equal(OpenPoseRenderer.Render(PosePresets.Walking, 320, 200), OpenPoseRenderer.Render(PosePresets.Walking, 320, 200));
    }

    private static int Lit(byte[] rgb)
    {
        var n = 0;
        for (var i = 0; i < rgb.Length; i += 3)
            if (rgb[i] + rgb[i + 1] + rgb[i + 2] > 0)
                n++;
        return n;
    }

    private static PoseColour At(byte[] rgb, int width, int x, int y)
    {
        var i = (y * width + x) * 3;
        return new PoseColour(rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    private static double DistanceToSegment(double x, double y, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        var t = Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / (dx * dx + dy * dy), 0, 1);
        return Math.Sqrt(Math.Pow(x - (a.X + t * dx), 2) + Math.Pow(y - (a.Y + t * dy), 2));
    }
}
