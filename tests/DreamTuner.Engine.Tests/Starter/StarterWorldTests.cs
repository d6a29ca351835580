using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class StarterWorldTests
{
    [Fact]
    public void Examples_depend_only_on_seed_split_and_index()
    {
        Assert.Equal(new StarterWorld(3).TrainingExample(17), new StarterWorld(3).TrainingExample(17));
        Assert.NotEqual(new StarterWorld(3).TrainingExample(17), new StarterWorld(4).TrainingExample(17));
        Assert.NotEqual(new StarterWorld(3).TrainingExample(17), new StarterWorld(3).TrainingExample(18));
    }

    [Fact]
    public void Held_out_identities_and_emblems_never_appear_in_training_draws()
    {
        var world = new StarterWorld(21);
        var training = Enumerable.Range(0, 20_000).Select(i => world.TrainingExample(i).Identity).ToList();
        var heldIdentities = Enumerable.Range(0, 2_000).Select(i => world.HeldOutIdentityExample(i).Identity).ToList();
        var heldEmblems = Enumerable.Range(0, 2_000).Select(i => world.HeldOutEmblemExample(i).Identity).ToList();

        Assert.All(heldIdentities, id => Assert.True(StarterSplit.IsHeldOutIdentity(id)));
        Assert.All(heldEmblems, id => Assert.True(StarterSplit.IsHeldOutEmblem(id.Emblem)));
        var trainingKeys = training.Select(id => id.Key).ToHashSet();
        var trainingEmblems = training.Select(id => id.Emblem).ToHashSet();
        Assert.DoesNotContain(heldIdentities, id => trainingKeys.Contains(id.Key));
        Assert.DoesNotContain(heldEmblems, id => trainingEmblems.Contains(id.Emblem));
        Assert.All(training, id => Assert.True(StarterSplit.IsTraining(id)));
        // Training still shows nearly every allowed emblem (20,000 draws over ~920 emblems).
        Assert.True(trainingEmblems.Count > 0.85 * EmblemGlyphs.Count, $"{trainingEmblems.Count} emblems");
    }

    [Fact]
    public void About_a_tenth_of_emblems_and_identities_are_held_out()
    {
        var emblems = Enumerable.Range(0, EmblemGlyphs.Count).Count(StarterSplit.IsHeldOutEmblem);
        Assert.InRange(emblems, 70, 140);
        var random = new DeterministicRandom(99);
        var identities = Enumerable.Range(0, 10_000).Count(_ => StarterSplit.IsHeldOutIdentity(StarterWorld.SampleAnyIdentity(random)));
        Assert.InRange(identities, 850, 1150);
    }

    [Fact]
    public void Another_scene_keeps_the_identity_and_changes_scene_and_pose()
    {
        var world = new StarterWorld(8);
        for (var i = 0; i < 100; i++)
        {
            var example = world.HeldOutIdentityExample(i);
            var again = world.InAnotherScene(example, variant: 0);
            Assert.Equal(example.Identity, again.Identity);
            Assert.NotEqual(example.Scene, again.Scene);
            Assert.NotEqual(example.Pose, again.Pose);
            Assert.Equal(again, world.InAnotherScene(example, variant: 0));
            Assert.NotEqual(again, world.InAnotherScene(example, variant: 1));
        }
    }

    [Fact]
    public void Sampled_identities_are_valid_and_cover_every_attribute_value()
    {
        var identities = StarterSamples.Training(3_000).Select(e => e.Identity.Validate()).ToList();
        Assert.Equal(Enum.GetValues<BodyShape>().Length, identities.Select(i => i.Shape).Distinct().Count());
        Assert.Equal(Enum.GetValues<StarterColour>().Length, identities.Select(i => i.BodyColour).Distinct().Count());
        Assert.Equal(Enum.GetValues<BodyPattern>().Length, identities.Select(i => i.Pattern).Distinct().Count());
        Assert.Equal(Enum.GetValues<EyeKind>().Length, identities.Select(i => i.Eyes).Distinct().Count());
        Assert.Equal(Enum.GetValues<Accessory>().Length, identities.Select(i => i.Accessory).Distinct().Count());
    }

    [Fact]
    public void Invalid_identities_are_rejected_with_the_reason()
    {
        var id = StarterSamples.Reference.Identity;
        Assert.Contains("pattern", Assert.Throws<ArgumentException>(() => (id with { PatternColour = null }).Validate()).Message);
        Assert.Contains("body colour", Assert.Throws<ArgumentException>(() => (id with { AccessoryColour = StarterColour.Blue }).Validate()).Message);
        Assert.Contains("Emblem", Assert.Throws<ArgumentException>(() => (id with { Emblem = EmblemGlyphs.Count }).Validate()).Message);
    }
}
