using System.Security.Cryptography;
using System.Text.Json;
using DreamTuner.Engine.Cli;
using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Tests.Cli;

public sealed class StarterWorldCommandTests
{
    [Fact]
    public async Task Starter_world_writes_images_masks_poses_labels_and_tokenizer_reproducibly()
    {
        var a = TestPaths.NewTempDir("starter-cli");
        var b = TestPaths.NewTempDir("starter-cli");
        try
        {
            Assert.Equal(0, await EngineCommandLine.RunAsync(["starter-world", "--out", a, "--count", "5", "--seed", "4", "--size", "48"]));
            Assert.Equal(0, await EngineCommandLine.RunAsync(["starter-world", "--out", b, "--count", "5", "--seed", "4", "--size", "48"]));

            var lines = File.ReadAllLines(Path.Combine(a, StarterDatasetWriter.LabelsFileName));
            Assert.Equal(5, lines.Length);
            foreach (var line in lines)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var (image, width, height) = StarterPng.DecodeRgb(File.ReadAllBytes(Path.Combine(a, root.GetProperty("image").GetString()!)));
                Assert.Equal((48, 48), (width, height));
                var example = new StarterWorld(4).TrainingExample(root.GetProperty("index").GetInt64());
                Assert.Equal(StarterRenderer.Render(example, 48).Image, image);
                Assert.Equal(StarterCaptions.Caption(example), root.GetProperty("caption").GetString());
                Assert.Equal(example.Identity.Key, root.GetProperty("identity_key").GetString());
                Assert.True(File.Exists(Path.Combine(a, root.GetProperty("mask").GetString()!)));
                Assert.True(File.Exists(Path.Combine(a, root.GetProperty("pose").GetString()!)));
            }
            ClipTokenizer.FromFolder(Path.Combine(a, "tokenizer"));
            Assert.True(File.Exists(Path.Combine(a, "contact_sheet.png")));

            // Same seed, same files, byte for byte.
            foreach (var file in Directory.GetFiles(a, "*", SearchOption.AllDirectories))
                Assert.Equal(SHA256.HashData(File.ReadAllBytes(file)), SHA256.HashData(File.ReadAllBytes(Path.Combine(b, Path.GetRelativePath(a, file)))));
        }
        finally
        {
            Directory.Delete(a, recursive: true);
            Directory.Delete(b, recursive: true);
        }
    }

    [Fact]
    public async Task Starter_world_rejects_an_image_size_outside_32_to_128()
    {
        var dir = TestPaths.NewTempDir("starter-cli");
        try
        {
            Assert.Equal(1, await EngineCommandLine.RunAsync(["starter-world", "--out", dir, "--count", "1", "--size", "256"]));
            Assert.False(File.Exists(Path.Combine(dir, StarterDatasetWriter.LabelsFileName)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Starter_world_held_out_split_writes_only_held_out_emblems()
    {
        var dir = TestPaths.NewTempDir("starter-cli");
        try
        {
            Assert.Equal(0, await EngineCommandLine.RunAsync(["starter-world", "--out", dir, "--count", "4", "--split", "heldout-emblem"]));
            foreach (var line in File.ReadAllLines(Path.Combine(dir, StarterDatasetWriter.LabelsFileName)))
            {
                using var json = JsonDocument.Parse(line);
                Assert.Equal("heldout-emblem", json.RootElement.GetProperty("split").GetString());
                Assert.True(StarterSplit.IsHeldOutEmblem(json.RootElement.GetProperty("emblem").GetInt32()));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
