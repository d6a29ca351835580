using System.Text.Json.Nodes;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Lora;
using DreamTuner.Engine.Tests.DreamTuner;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

/// <summary>Character packages: what subject-driven fine-tuning (DreamTuner section 3.3) leaves for inference.</summary>
public sealed class CharacterPackageTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-package");

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>Trains a character for two steps, saves it, and returns the package path and an image it generates.</summary>
    private (string Path, Tensor Image) Train(FineTuneMode mode, string token, string prompt)
    {
        using var model = TinyFineTune.Load();
        using var trained = new SubjectFineTuner(model).Run(TinyFineTune.Request(Path.Combine(_dir, token.Trim('<', '>')), TinyFineTune.Options(mode, steps: 2), token));
        var path = Path.Combine(_dir, $"{token.Trim('<', '>')}.safetensors");
        CharacterPackage.Save(path, model, trained);
        using var image = TinyFineTune.Generate(model, SubjectPrompt.Rewrite(prompt, [token]));
        return (path, image.Images.clone());
    }

    [Theory]
    [InlineData(FineTuneMode.Lora)]
    [InlineData(FineTuneMode.Full)]
    public void Saved_and_loaded_package_gives_the_same_generation(FineTuneMode mode)
    {
        var (path, expected) = Train(mode, "<mira>", "a photo of a dog [S*]");
        var manifest = CharacterManifest.Read(path);
        Assert.Equal(mode, manifest.Mode);
        Assert.Equal(2, manifest.Losses.Count);
        Assert.Equal("dog", manifest.ClassWord);

        using var model = TinyFineTune.Load();
        using var character = CharacterPackage.Load(model, path);
        using var image = TinyFineTune.Generate(model, SubjectPrompt.Rewrite("a photo of a dog [S*]", [character.Token]));
        TinyDreamTuner.AssertClose(expected, image.Images, 1e-4, "image after loading the package");
    }

    [Fact]
    public void Two_packages_with_different_tokens_load_together()
    {
        var (first, _) = Train(FineTuneMode.Lora, "<mira>", "[S*]");
        var (second, _) = Train(FineTuneMode.Lora, "<bo>", "[S*]");
        using var model = TinyFineTune.Load();
        using var plain = TinyFineTune.Generate(model, "<mira> and <bo>");
        using var a = CharacterPackage.Load(model, first);
        using var b = CharacterPackage.Load(model, second);

        Assert.NotEqual(a.TokenId, b.TokenId);
        Assert.Equal(2, LoraTargets.Find(model)[0].Adapters.Count);
        var table = SubjectToken.TokenTable(model);
        Assert.True(table[a.TokenId].equal(StateDict.Read(first)[CharacterPackage.TokenEmbeddingKey][0]).all().item<bool>());
        Assert.True(table[b.TokenId].equal(StateDict.Read(second)[CharacterPackage.TokenEmbeddingKey][0]).all().item<bool>());
        using var both = TinyFineTune.Generate(model, SubjectPrompt.Rewrite("[S1*] and [S2*]", [a.Token, b.Token]));
        Assert.False(both.Images.allclose(plain.Images), "the characters changed nothing");

        b.Dispose();
        Assert.Single(LoraTargets.Find(model)[0].Adapters);
    }

    [Fact]
    public void Package_for_another_base_model_is_refused_naming_both_hashes()
    {
        var (path, _) = Train(FineTuneMode.Lora, "<mira>", "[S*]");
        var manifestPath = CharacterManifest.PathFor(path);
        var json = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        json["BaseModelHash"] = "0123456789";
        File.WriteAllText(manifestPath, json.ToJsonString());

        using var model = TinyFineTune.Load();
        var error = Assert.Throws<CheckpointException>(() => CharacterPackage.Load(model, path));
        Assert.Contains("0123456789", error.Message);
        Assert.Contains(model.Hash, error.Message);
    }

    [Fact]
    public void Exported_kohya_lora_of_a_package_loads_back_to_the_package_tensors()
    {
        var (path, _) = Train(FineTuneMode.Lora, "<mira>", "[S*]");
        var kohya = Path.Combine(_dir, "mira-kohya.safetensors");
        CharacterPackage.ExportKohya(path, kohya);
        var exported = StateDict.Read(kohya);
        Assert.Contains("bundle_emb.<mira>.string_to_param.*", exported.Keys);

        using var model = TinyFineTune.Load();
        using var fromKohya = LoraSet.LoadKohya(kohya, LoraTargets.Find(model));
        using var other = TinyFineTune.Load();
        using var character = CharacterPackage.Load(other, path);
        foreach (var (name, adapter) in character.Lora!.Adapters)
        {
            Assert.True(adapter.Down.equal(fromKohya.Adapters[name].Down).all().item<bool>(), name);
            Assert.True(adapter.Up.equal(fromKohya.Adapters[name].Up).all().item<bool>(), name);
        }
    }
}
