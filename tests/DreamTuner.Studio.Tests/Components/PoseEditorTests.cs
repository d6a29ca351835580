using Bunit;
using DreamTuner.Data.Poses;
using DreamTuner.Studio.Components.Poses;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class PoseEditorTests : MudComponentTest
{
    [Fact]
    public void Presets_mirror_and_reset_report_the_new_pose_and_push_it_to_the_canvas()
    {
        var module = Context.JSInterop.SetupModule("./js/pose-editor.js");
        module.Mode = JSRuntimeMode.Loose;
        var reported = new List<BodyPose>();
        var start = PosePresets.Sitting;
        var editor = Context.Render<PoseEditor>(p => p
            .Add(e => e.Pose, start).Add(e => e.ResetPose, start).Add(e => e.PoseChanged, (BodyPose pose) => reported.Add(pose)));

        editor.Find("#pose-preset-waving").Click();
        editor.Find("#pose-mirror").Click();
        editor.Find("#pose-reset").Click();

        Assert.Equal([PosePresets.Waving, PosePresets.Waving.Mirror(), start], reported);
        Assert.Single(module.Invocations, i => i.Identifier == "attach");
    }

    [Fact]
    public void A_joint_moved_in_the_browser_moves_that_keypoint_clamped_and_names_it()
    {
        var reported = new List<BodyPose>();
        var editor = Context.Render<PoseEditor>(p => p.Add(e => e.PoseChanged, (BodyPose pose) => reported.Add(pose)));

        editor.InvokeAsync(() => editor.Instance.OnJointMoved(4, 1500, 640));

        Assert.Equal(PosePresets.Standing.Move(4, BodyPose.Extent, 640), Assert.Single(reported));
        Assert.Equal("right wrist", editor.Find("#pose-selected-name").TextContent);
        Assert.Contains("(1000, 640)", editor.Find("#pose-selected").TextContent);
    }

    [Fact]
    public void A_read_only_editor_offers_no_tools_and_ignores_moves()
    {
        var reported = new List<BodyPose>();
        var editor = Context.Render<PoseEditor>(p => p.Add(e => e.ReadOnly, true).Add(e => e.PoseChanged, (BodyPose pose) => reported.Add(pose)));

        editor.InvokeAsync(() => editor.Instance.OnJointMoved(4, 10, 10));

        Assert.Empty(editor.FindAll("#pose-mirror"));
        Assert.Empty(reported);
    }
}
