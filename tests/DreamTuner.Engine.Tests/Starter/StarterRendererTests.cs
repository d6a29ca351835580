using System.Security.Cryptography;
using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class StarterRendererTests
{
    // Pinned on the machine that wrote the renderer: the rasteriser uses only exactly-rounded arithmetic, so any
    // machine must produce these bytes. A change here means the world changed (regenerate datasets) or broke.
    private const string ReferenceImageSha256 = "95673e47b6f803c68e7cb92c80d6ca93b23f387b31b2a53b3c35ebd80c82d8f3";

    [Fact]
    public void Same_example_renders_identical_bytes_and_png_files()
    {
        var a = StarterRenderer.Render(StarterSamples.Reference);
        var b = StarterRenderer.Render(StarterSamples.Reference);
        Assert.Equal(a.Image, b.Image);
        Assert.Equal(a.Mask, b.Mask);
        Assert.Equal(a.Pose, b.Pose);
        Assert.Equal(SHA256.HashData(StarterPng.EncodeRgb(a.Image, 64, 64)), SHA256.HashData(StarterPng.EncodeRgb(b.Image, 64, 64)));
    }

    [Fact]
    public void Reference_example_matches_the_pinned_pixel_hash()
    {
        var image = StarterRenderer.Render(StarterSamples.Reference).Image;
        var actual = Convert.ToHexStringLower(SHA256.HashData(image));
        Assert.True(actual == ReferenceImageSha256, $"reference image hash is {actual}");
    }

    [Fact]
    public void Same_world_seed_gives_same_dataset_and_different_seed_gives_different()
    {
        static List<string> Hashes(ulong seed) => Enumerable.Range(0, 8)
            .Select(i => Convert.ToHexStringLower(SHA256.HashData(StarterRenderer.Render(new StarterWorld(seed).TrainingExample(i)).Image)))
            .ToList();
        var first = Hashes(5);
        Assert.Equal(first, Hashes(5));
        Assert.Empty(first.Intersect(Hashes(6)));
        Assert.Equal(8, first.Distinct().Count());
    }

    [Fact]
    public void Pixels_outside_the_mask_equal_the_background_alone_and_inside_some_differ()
    {
        foreach (var example in StarterSamples.Training(40))
        {
            var rendering = StarterRenderer.Render(example);
            var background = StarterRenderer.RenderBackground(example);
            var changedInside = 0;
            for (var p = 0; p < rendering.Mask.Length; p++)
            {
                var same = rendering.Image.AsSpan(p * 3, 3).SequenceEqual(background.AsSpan(p * 3, 3));
                if (rendering.Mask[p] == 0)
                    Assert.True(same, $"{example.Identity.Key}: pixel {p} outside the mask differs from the background");
                else if (!same)
                    changedInside++;
            }
            // Most masked pixels show the sprite; a few can coincide with the background colour by chance.
            Assert.True(changedInside > rendering.Mask.Count(m => m > 0) * 0.8, example.Identity.Key);
        }
    }

    [Fact]
    public void Mask_is_binary_and_coverage_is_zero_exactly_outside_it()
    {
        var rendering = StarterRenderer.Render(StarterSamples.Reference);
        Assert.All(rendering.Mask, m => Assert.True(m is 0 or 255));
        for (var p = 0; p < rendering.Mask.Length; p++)
            Assert.Equal(rendering.Mask[p] == 0, rendering.Coverage[p] == 0);
        // The sprite's inside is fully covered, its edge is antialiased.
        Assert.Contains(rendering.Coverage, c => c == 255);
        Assert.Contains(rendering.Coverage, c => c is > 0 and < 255);
    }

    [Fact]
    public void Sprite_stays_inside_the_image_at_every_size_scale_and_position()
    {
        foreach (var size in new[] { 32, 64, 97, 128 })
            foreach (var scale in Enum.GetValues<SpriteScale>())
                foreach (var h in Enum.GetValues<HorizontalPosition>())
                    foreach (var v in Enum.GetValues<VerticalPosition>())
                    {
                        // Arms up and out plus a hat: the sprite's largest extent.
                        var example = StarterSamples.Reference with { Scale = scale, Horizontal = h, Vertical = v, Pose = new SpritePose(170, 90, 45, 0) };
                        var mask = StarterRenderer.Render(example, size).Mask;
                        for (var i = 0; i < size; i++)
                        {
                            Assert.Equal(0, mask[i]);
                            Assert.Equal(0, mask[(size - 1) * size + i]);
                            Assert.Equal(0, mask[i * size]);
                            Assert.Equal(0, mask[i * size + size - 1]);
                        }
                    }
    }

    [Fact]
    public void Sizes_outside_32_to_128_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StarterRenderer.Render(StarterSamples.Reference, 31));
        Assert.Throws<ArgumentOutOfRangeException>(() => StarterRenderer.Render(StarterSamples.Reference, 129));
    }

    [Fact]
    public void Every_attribute_value_renders_and_changes_the_image()
    {
        var r = StarterSamples.Reference;
        var id = r.Identity;
        var variants = new List<(string Name, StarterExample Example)>();
        variants.AddRange(Enum.GetValues<BodyShape>().Select(v => ($"shape {v}", r with { Identity = id with { Shape = v } })));
        // Pattern and accessory colours move aside when the body takes their colour (they must differ from it).
        variants.AddRange(Enum.GetValues<StarterColour>().Select(v => ($"body {v}", r with
        {
            Identity = id with
            {
                BodyColour = v,
                PatternColour = v == StarterColour.White ? StarterColour.Black : StarterColour.White,
                AccessoryColour = v == StarterColour.Red ? StarterColour.Green : StarterColour.Red,
            },
        })));
        variants.AddRange(Enum.GetValues<BodyPattern>().Select(v => ($"pattern {v}", r with
        {
            Identity = id with { Pattern = v, PatternColour = v == BodyPattern.None ? null : StarterColour.White },
        })));
        variants.AddRange(Enum.GetValues<StarterColour>().Where(c => c != StarterColour.Blue)
            .Select(v => ($"pattern colour {v}", r with { Identity = id with { PatternColour = v } })));
        variants.AddRange(Enum.GetValues<EyeKind>().Select(v => ($"eyes {v}", r with { Identity = id with { Eyes = v } })));
        variants.AddRange(Enum.GetValues<Accessory>().Select(v => ($"accessory {v}", r with
        {
            Identity = id with { Accessory = v, AccessoryColour = v == Accessory.None ? null : StarterColour.Red },
        })));
        variants.AddRange(Enum.GetValues<StarterColour>().Where(c => c != StarterColour.Blue)
            .Select(v => ($"accessory colour {v}", r with { Identity = id with { AccessoryColour = v } })));
        variants.AddRange(new[] { 0, 1, 2, 255, 511, 1023 }.Select(v => ($"emblem {v}", r with { Identity = id with { Emblem = v } })));
        variants.AddRange(Enum.GetValues<SceneKind>().Select(v => ($"scene {v}", r with { Scene = v })));
        variants.AddRange(Enum.GetValues<HorizontalPosition>().Select(v => ($"horizontal {v}", r with { Horizontal = v })));
        variants.AddRange(Enum.GetValues<VerticalPosition>().Select(v => ($"vertical {v}", r with { Vertical = v })));
        variants.AddRange(Enum.GetValues<SpriteScale>().Select(v => ($"scale {v}", r with { Scale = v })));
        variants.AddRange(new[] { r.Pose with { RightArm = 150 }, r.Pose with { LeftArm = 20 }, r.Pose with { RightLeg = 40 }, r.Pose with { LeftLeg = 0 } }
            .Select((p, i) => ($"pose {i}", r with { Pose = p })));

        // Within each attribute, all values give different images (the reference value included).
        foreach (var group in variants.GroupBy(v => v.Name[..v.Name.LastIndexOf(' ')]))
        {
            var hashes = group.Select(v => Convert.ToHexStringLower(StarterSamples.PixelHash(StarterRenderer.Render(v.Example).Image))).ToList();
            Assert.True(hashes.Distinct().Count() == hashes.Count, $"{group.Key}: two values render the same image");
        }
    }
}
