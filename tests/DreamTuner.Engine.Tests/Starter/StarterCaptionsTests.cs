using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class StarterCaptionsTests
{
    private static readonly StarterExample R = StarterSamples.Reference;

    [Fact]
    public void Reference_caption_reads_as_the_issue_describes()
    {
        Assert.Equal("a blue round creature with white stripes and a red hat, at the bottom center, on a plain white background", StarterCaptions.Caption(R));
        Assert.Equal("a blue round creature with big googly eyes, white stripes and a red hat, at the bottom center, on a plain white background",
            StarterCaptions.DetailedCaption(R));
    }

    [Fact]
    public void No_caption_of_any_split_is_longer_than_the_longest_caption()
    {
        var longest = StarterSamples.Words(StarterCaptions.LongestCaption()).Count();
        var world = new StarterWorld(5);
        var examples = StarterSamples.Training(3000)
            .Concat(Enumerable.Range(0, 500).Select(i => world.HeldOutIdentityExample(i)))
            .Concat(Enumerable.Range(0, 500).Select(i => world.HeldOutEmblemExample(i)));
        var seen = examples.SelectMany(e => new[] { StarterCaptions.Caption(e), StarterCaptions.DetailedCaption(e) })
            .Max(c => StarterSamples.Words(c).Count());
        Assert.InRange(seen, longest - 4, longest);
        Assert.Equal(longest + 3, Engine.Starter.Training.StarterArchitecture.MinTokenLength);
    }

    [Fact]
    public void Captions_never_depend_on_the_emblem_or_the_pose()
    {
        foreach (var example in StarterSamples.Training(100))
        {
            var other = example with { Identity = example.Identity with { Emblem = (example.Identity.Emblem + 1) % EmblemGlyphs.Count }, Pose = new SpritePose(10, 10, 0, 0) };
            Assert.Equal(StarterCaptions.Caption(example), StarterCaptions.Caption(other));
            Assert.Equal(StarterCaptions.DetailedCaption(example), StarterCaptions.DetailedCaption(other));
            Assert.DoesNotContain("emblem", StarterCaptions.DetailedCaption(example));
            Assert.DoesNotMatch("[0-9]", StarterCaptions.DetailedCaption(example));
        }
    }

    [Fact]
    public void Short_caption_names_shape_colours_pattern_accessory_size_position_and_scene()
    {
        foreach (var example in StarterSamples.Training(300))
        {
            var caption = StarterCaptions.Caption(example);
            var id = example.Identity;
            var size = StarterCaptions.SizeWord(example.Scale) is { } s ? s + " " : "";
            Assert.StartsWith($"a {size}{id.BodyColour.Word()} {StarterCaptions.ShapeWord(id.Shape)} creature", caption);
            Assert.EndsWith($", {StarterCaptions.PositionPhrase(example.Horizontal, example.Vertical)}, {StarterCaptions.ScenePhrase(example.Scene)}", caption);
            if (id.Pattern != BodyPattern.None)
                Assert.Contains($"{id.PatternColour!.Value.Word()} {StarterCaptions.PatternWord(id.Pattern)}", caption);
            if (id.Accessory != Accessory.None)
                Assert.Contains($"{id.AccessoryColour!.Value.Word()} {StarterCaptions.AccessoryWord(id.Accessory)}", caption);
            // Nothing else: no eye words, and each value's word only when it is the example's value.
            Assert.DoesNotContain("eye", caption);
            foreach (var p in Enum.GetValues<BodyPattern>().Where(p => p is not BodyPattern.None && p != id.Pattern))
                Assert.DoesNotContain(StarterCaptions.PatternWord(p), caption);
            foreach (var a in Enum.GetValues<Accessory>().Where(a => a is not Accessory.None && a != id.Accessory))
                Assert.DoesNotContain(StarterCaptions.AccessoryWord(a), caption);
            foreach (var scene in Enum.GetValues<SceneKind>().Where(sc => sc != example.Scene))
                Assert.DoesNotContain(StarterCaptions.ScenePhrase(scene), caption);
            var colourWords = StarterSamples.Words(caption).Count(w => Enum.GetValues<StarterColour>().Any(c => c.Word() == w));
            var expectedColours = 1 + (id.PatternColour is null ? 0 : 1) + (id.AccessoryColour is null ? 0 : 1) + (example.Scene == SceneKind.PlainWhite ? 1 : 0);
            Assert.Equal(expectedColours, colourWords);
        }
    }

    [Fact]
    public void Detailed_caption_adds_eyes_and_says_what_is_absent()
    {
        var plain = R with { Identity = R.Identity with { Pattern = BodyPattern.None, PatternColour = null, Accessory = Accessory.None, AccessoryColour = null, Eyes = EyeKind.Cyclops } };
        Assert.Equal("a blue round creature, at the bottom center, on a plain white background", StarterCaptions.Caption(plain));
        Assert.Equal("a blue round creature with a single big eye, no pattern and no accessory, at the bottom center, on a plain white background",
            StarterCaptions.DetailedCaption(plain));
        foreach (var eyes in Enum.GetValues<EyeKind>())
        {
            var e = R with { Identity = R.Identity with { Eyes = eyes } };
            Assert.Contains(StarterCaptions.EyesPhrase(eyes), StarterCaptions.DetailedCaption(e));
            Assert.Equal(StarterCaptions.Caption(R), StarterCaptions.Caption(e));
        }
    }

    [Fact]
    public void Medium_size_has_no_word_and_small_and_large_do()
    {
        Assert.DoesNotContain("small", StarterCaptions.Caption(R));
        Assert.DoesNotContain("large", StarterCaptions.Caption(R));
        Assert.StartsWith("a small blue", StarterCaptions.Caption(R with { Scale = SpriteScale.Small }));
        Assert.StartsWith("a large blue", StarterCaptions.Caption(R with { Scale = SpriteScale.Large }));
    }

    [Fact]
    public void Every_attribute_value_has_its_own_phrase()
    {
        Assert.Equal(Enum.GetValues<BodyShape>().Length, Enum.GetValues<BodyShape>().Select(StarterCaptions.ShapeWord).Distinct().Count());
        Assert.Equal(Enum.GetValues<EyeKind>().Length, Enum.GetValues<EyeKind>().Select(StarterCaptions.EyesPhrase).Distinct().Count());
        Assert.Equal(Enum.GetValues<SceneKind>().Length, Enum.GetValues<SceneKind>().Select(StarterCaptions.ScenePhrase).Distinct().Count());
        Assert.Equal(Enum.GetValues<StarterColour>().Length, Enum.GetValues<StarterColour>().Select(c => c.Word()).Distinct().Count());
    }
}
