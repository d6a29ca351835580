using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Bench;

namespace DreamTuner.Engine.Tests.Starter.Bench;

public sealed class SpriteBenchPlanTests
{
    [Fact]
    public void Subjects_are_held_out_identities_of_both_splits_and_never_training_ones()
    {
        var plan = SpriteBenchPlan.Create(SpriteBenchOptions.Full);

        Assert.Equal(SpriteBenchOptions.Full.Subjects, plan.Subjects.Count);
        Assert.Contains(plan.Subjects, s => s.Split == StarterSplitKind.HeldOutIdentity);
        Assert.Contains(plan.Subjects, s => s.Split == StarterSplitKind.HeldOutEmblem && StarterSplit.IsHeldOutEmblem(s.Reference.Identity.Emblem));
        Assert.All(plan.Subjects, s => Assert.False(StarterSplit.IsTraining(s.Reference.Identity)));
        Assert.All(plan.BarTargets, t => Assert.True(StarterSplit.IsTraining(t.Example.Identity)));
    }

    [Fact]
    public void Every_target_keeps_the_identity_but_changes_scene_and_pose()
    {
        foreach (var subject in SpriteBenchPlan.Create(SpriteBenchOptions.Full).Subjects)
        {
            Assert.Equal(SpriteBenchOptions.Full.PromptsPerSubject, subject.Targets.Count);
            Assert.All(subject.Targets, t =>
            {
                Assert.Equal(subject.Reference.Identity, t.Example.Identity);
                Assert.NotEqual(subject.Reference.Scene, t.Example.Scene);
                Assert.NotEqual(subject.Reference.Pose, t.Example.Pose);
            });
        }
    }

    [Fact]
    public void Two_plans_are_the_same_and_every_image_has_its_own_seed()
    {
        var a = SpriteBenchPlan.Create(SpriteBenchOptions.Quick);
        var b = SpriteBenchPlan.Create(SpriteBenchOptions.Quick);
        var seeds = a.Subjects.SelectMany(s => s.Targets).Concat(a.BarTargets).Select(t => t.Seed).ToList();

        Assert.Equal(a.Subjects.SelectMany(s => s.Targets), b.Subjects.SelectMany(s => s.Targets));
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    [Fact]
    public void Prompts_name_the_target_scene_and_only_the_subject_prompt_has_the_placeholder()
    {
        var target = SpriteBenchPlan.Create(SpriteBenchOptions.Quick).Subjects[0].Targets[0];

        Assert.Contains("[S*] creature", target.SubjectPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain("[S*]", target.ClassPrompt, StringComparison.Ordinal);
        Assert.EndsWith(StarterCaptions.ScenePhrase(target.Example.Scene), target.ClassPrompt, StringComparison.Ordinal);
        Assert.Equal(StarterCaptions.DetailedCaption(target.Example), target.AttributePrompt);
    }
}
