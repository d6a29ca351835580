using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Bench;
using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Tests.Starter.Bench;

public sealed class QualityBarTests
{
    private static readonly IReadOnlyList<StarterExample> Examples = Enumerable.Range(0, 20).Select(i => new StarterWorld(0).TrainingExample(i)).ToList();

    private static IReadOnlyList<SpriteImageScore> Scores(Func<int, SpriteReading, SpriteReading> edit)
    {
        var matcher = ExactAttributeMatcher.Instance;
        return Examples.Select((e, i) =>
        {
            var reading = edit(i, SpriteReadings.Truth(e));
            var identity = matcher.IdentityAttributes(reading, e.Identity);
            return new SpriteImageScore
            {
                Subject = "bar",
                Identity = identity,
                IdentityAccuracy = identity.Values.Count(v => v) / (double)identity.Count,
                EmblemMatch = matcher.EmblemMatch(reading, e.Identity.Emblem),
                Prompt = matcher.SceneAttributes(reading, e),
            };
        }).ToList();
    }

    [Fact]
    public void Truthful_readings_pass_the_bar()
    {
        var result = QualityBar.Check(Scores((_, r) => r));

        Assert.True(result.Passed);
        Assert.Empty(result.Failures);
        Assert.Equal(1.0, result.IdentityAccuracy);
    }

    [Fact]
    public void Scene_read_right_in_85_percent_of_images_fails_the_scene_bar_and_names_it()
    {
        // 3 of 20 scenes wrong = 85 %, under the 90 % bar; identities all right.
        var result = QualityBar.Check(Scores((i, r) => i < 3 ? r with { Scene = SpriteReadings.OtherScene(r.Scene) } : r));

        Assert.False(result.Passed);
        Assert.True(result.IdentityPassed);
        Assert.Equal(0.85, result.SceneAccuracy, 9);
        Assert.Contains("scene accuracy 85.0 %", Assert.Single(result.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Scene_read_right_in_90_percent_of_images_passes()
    {
        var result = QualityBar.Check(Scores((i, r) => i < 2 ? r with { Scene = SpriteReadings.OtherScene(r.Scene) } : r));

        Assert.True(result.ScenePassed);
    }

    [Fact]
    public void Wrong_body_colour_and_shape_everywhere_fails_the_identity_bar()
    {
        var result = QualityBar.Check(Scores((_, r) => r with
        {
            BodyColour = SpriteReadings.OtherColour(r.BodyColour),
            Shape = (BodyShape)(((int)r.Shape + 1) % Enum.GetValues<BodyShape>().Length),
        }));

        Assert.False(result.IdentityPassed);
        Assert.True(result.ScenePassed);
        Assert.Contains("identity attribute accuracy", Assert.Single(result.Failures), StringComparison.Ordinal);
        Assert.Equal(0.0, result.PerAttribute["shape"]);
        Assert.Equal(0.0, result.PerAttribute["body_colour"]);
        Assert.Equal(1.0, result.PerAttribute["pattern"]);
        Assert.DoesNotContain("eyes", result.PerAttribute.Keys);
    }

    [Fact]
    public void The_eyes_which_captions_never_name_do_not_count()
    {
        var result = QualityBar.Check(Scores((_, r) => r with { Eyes = (EyeKind)(((int)r.Eyes + 1) % Enum.GetValues<EyeKind>().Length) }));

        Assert.Equal(1.0, result.IdentityAccuracy);
    }

    [Fact]
    public void Given_the_examples_the_identity_accuracy_is_split_by_sprite_size()
    {
        var smallOnes = Examples.Select((e, i) => (e, i)).Where(p => p.e.Scale == SpriteScale.Small).Select(p => p.i).ToHashSet();
        Assert.NotEmpty(smallOnes);
        Assert.True(smallOnes.Count < Examples.Count, "the first examples of the world should have more than one size");

        var result = QualityBar.Check(Scores((i, r) => smallOnes.Contains(i)
            ? r with { BodyColour = SpriteReadings.OtherColour(r.BodyColour), Shape = (BodyShape)(((int)r.Shape + 1) % Enum.GetValues<BodyShape>().Length) }
            : r), Examples);

        Assert.True(result.PerSize["small"] < 1.0);
        Assert.All(result.PerSize.Where(kv => kv.Key != "small"), kv => Assert.Equal(1.0, kv.Value));
        Assert.Equal(Examples.Select(e => QualityBar.SizeName(e.Scale)).Distinct().Order(), result.PerSize.Keys.Order());
    }

    [Fact]
    public void Without_the_examples_there_is_no_size_split_and_a_count_mismatch_is_refused()
    {
        Assert.Empty(QualityBar.Check(Scores((_, r) => r)).PerSize);
        var error = Assert.Throws<ArgumentException>(() => QualityBar.Check(Scores((_, r) => r), Examples.Take(3).ToList()));
        Assert.Contains("one example per image", error.Message, StringComparison.Ordinal);
    }
}
