using System.Diagnostics;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Evaluation;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Evaluation;

public sealed class SpriteAttributeClassifierTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("sprite-classifier");

    public void Dispose() => Directory.Delete(_dir, true);

    private static Tensor Images(int count) => SpriteImages.Render(StarterSamples.Training(count).ToList());

    [Fact]
    public void Saving_and_loading_gives_identical_logits_and_readings()
    {
        using var model = new SpriteAttributeClassifier(SpriteClassifierConfig.Tiny);
        // The file is fp16: round the in-memory weights the same way so both sides hold the same numbers.
        using (no_grad())
            foreach (var p in model.parameters())
                p.copy_(p.to(ScalarType.Float16).to(ScalarType.Float32));
        model.eval();
        model.Save(_dir);

        using var loaded = SpriteAttributeClassifier.FromFolder(_dir);
        using var scope = NewDisposeScope();
        var images = Images(6);
        var (before, beforeEmblem) = model.Logits(images);
        var (after, afterEmblem) = loaded.Logits(images);

        Assert.Equal(SpriteClassifierConfig.Tiny.BlockOutChannels, loaded.Config.BlockOutChannels);
        for (var i = 0; i < before.Length; i++)
            Assert.True(before[i].eq(after[i]).all().item<bool>(), $"head {SpriteLabels.Heads[i].Name} differs after loading");
        Assert.True(beforeEmblem.eq(afterEmblem).all().item<bool>());
        Assert.Equal(model.Read(images), loaded.Read(images), new ReadingComparer());
    }

    [Fact]
    public void Weights_are_named_after_the_attributes_they_read()
    {
        using var model = new SpriteAttributeClassifier(SpriteClassifierConfig.Tiny);
        var keys = model.state_dict().Keys.ToList();
        foreach (var (name, _) in SpriteLabels.Heads)
            Assert.Contains($"heads.{name}.weight", keys);
        Assert.Contains("heads.emblem.weight", keys);
        Assert.Contains("features.0.weight", keys);
    }

    [Fact]
    public void The_crop_branch_has_identity_heads_only_and_a_config_without_crop_size_has_no_crop_branch()
    {
        using (var cropped = new SpriteAttributeClassifier(SpriteClassifierConfig.Tiny))
        {
            var keys = cropped.state_dict().Keys.ToList();
            foreach (var (name, _) in SpriteLabels.Heads.Take(SpriteLabels.IdentityHeads))
                Assert.Contains($"crop.heads.{name}.weight", keys);
            Assert.Contains("crop.heads.emblem.weight", keys);
            Assert.DoesNotContain($"crop.heads.{SpriteLabels.Scene}.weight", keys);
        }

        // The first evaluators were saved before the crop branch existed: their config.json has no crop fields.
        using (var old = new SpriteAttributeClassifier(SpriteClassifierConfig.Tiny with { CropSize = 0 }))
        {
            Assert.DoesNotContain(old.state_dict().Keys, k => k.StartsWith("crop.", StringComparison.Ordinal));
            old.Save(_dir);
        }
        var configPath = Path.Combine(_dir, SpriteClassifierConfig.FileName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        Assert.True(json.Remove("crop_size") && json.Remove("crop_channels"), json.ToJsonString());
        File.WriteAllText(configPath, json.ToJsonString());
        using var loaded = SpriteAttributeClassifier.FromFolder(_dir);
        Assert.Equal(0, loaded.Config.CropSize);
        using var images = Images(2);
        Assert.Equal(2, loaded.Read(images).Count);
    }

    [Fact]
    public void A_reading_has_every_attribute_and_fifteen_emblem_cells_per_image()
    {
        using var model = new SpriteAttributeClassifier(SpriteClassifierConfig.Tiny);
        using var images = Images(3);
        var readings = model.Read(images);
        Assert.Equal(3, readings.Count);
        Assert.All(readings, r => Assert.Equal(SpriteLabels.EmblemCells, r.EmblemCells.Count));
        Assert.All(readings, r => Assert.InRange(r.Pose.RightArm, SpritePose.MinArm, SpritePose.MaxArm));
    }

    [Fact]
    public void The_full_classifier_is_under_four_megabytes_in_fp16_and_reads_a_batch_of_64()
    {
        using var model = new SpriteAttributeClassifier(SpriteClassifierConfig.Full);
        model.Save(_dir);
        var bytes = new FileInfo(Path.Combine(_dir, SpriteAttributeClassifier.WeightsFileName)).Length;
        Assert.True(bytes < 4_000_000, $"{bytes:N0} bytes");

        using var images = Images(64);
        model.Read(images);
        var clock = Stopwatch.StartNew();
        var readings = model.Read(images);
        clock.Stop();
        Assert.Equal(64, readings.Count);
        // No time bound is asserted: on a shared, loaded machine wall time says nothing about the model.
        _ = clock.Elapsed;
    }

    [Fact]
    public void A_missing_folder_names_what_the_classifier_folder_is()
    {
        var missing = Path.Combine(_dir, "nope");
        var e = Assert.Throws<CheckpointException>(() => SpriteAttributeClassifier.FromFolder(missing));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("evaluator/", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_another_model_is_refused_with_the_files_it_lacks()
    {
        // A diffusers component folder (config.json but diffusion_pytorch_model.safetensors) is not a classifier folder.
        File.WriteAllText(Path.Combine(_dir, "config.json"), "{}");
        File.WriteAllText(Path.Combine(_dir, DiffusersFolder.WeightsFileName), "x");
        var e = Assert.Throws<CheckpointException>(() => SpriteAttributeClassifier.FromFolder(_dir));
        Assert.Contains(SpriteAttributeClassifier.WeightsFileName, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_of_another_shape_are_refused_naming_the_mismatch()
    {
        using (var full = new SpriteAttributeClassifier(SpriteClassifierConfig.Full))
            full.Save(_dir);
        SpriteClassifierConfig.Tiny.Save(Path.Combine(_dir, SpriteClassifierConfig.FileName));
        var e = Assert.Throws<CheckpointException>(() => SpriteAttributeClassifier.FromFolder(_dir));
        Assert.Contains("does not match", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Records compare lists by reference; readings are equal when every attribute and cell is.</summary>
    private sealed class ReadingComparer : IEqualityComparer<SpriteReading>
    {
        public bool Equals(SpriteReading? x, SpriteReading? y) =>
            x is not null && y is not null && x.EmblemCells.SequenceEqual(y.EmblemCells)
            && x with { EmblemCells = [] } == y with { EmblemCells = [] };

        public int GetHashCode(SpriteReading obj) => obj.Shape.GetHashCode();
    }
}
