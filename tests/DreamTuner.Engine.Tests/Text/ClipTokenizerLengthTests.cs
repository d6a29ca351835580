using System.Text.Json.Nodes;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Tests.Text;

/// <summary>
/// tokenizer_config.json's <c>model_max_length</c>: how many ids a prompt is padded or cut to (77 for Stable
/// Diffusion, fewer for a model trained on short captions), and the load-time check against the text encoder.
/// </summary>
public sealed class ClipTokenizerLengthTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("tokenizer-length");

    public void Dispose() => Directory.Delete(_dir, true);

    private string TokenizerWith(string? configJson)
    {
        var dir = Path.Combine(_dir, "tokenizer");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.TinySd15, "tokenizer")))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        var config = Path.Combine(dir, ClipTokenizer.ConfigFileName);
        if (configJson is null) File.Delete(config);
        else File.WriteAllText(config, configJson);
        return dir;
    }

    [Fact]
    public void A_model_max_length_pads_and_cuts_prompts_to_that_many_ids()
    {
        var tokenizer = ClipTokenizer.FromFolder(TokenizerWith("""{"model_max_length": 12, "bos_token": "<|startoftext|>"}"""));
        Assert.Equal(12, tokenizer.MaxLength);
        Assert.Equal(10, tokenizer.MaxBpeTokens);
        var shortIds = tokenizer.Encode("a cat");
        Assert.Equal(12, shortIds.Length);
        Assert.Equal(tokenizer.EosId, shortIds[^1]);
        var longIds = tokenizer.Encode(string.Join(" ", Enumerable.Repeat("a", 30)));
        Assert.Equal(12, longIds.Length);
        Assert.Equal(tokenizer.BosId, longIds[0]);
        Assert.Equal(tokenizer.EosId, longIds[^1]);
        Assert.DoesNotContain(tokenizer.EosId, longIds[1..^1]);
        Assert.Equal(12, tokenizer.EncodeBatch(["a cat", "two dogs"]).GetLength(1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"bos_token": "<|startoftext|>"}""")]
    [InlineData("""{"model_max_length": 1000000000000000019884624838656}""")]
    public void Without_a_usable_limit_prompts_take_stable_diffusions_77_ids(string? configJson)
    {
        var tokenizer = ClipTokenizer.FromFolder(TokenizerWith(configJson));
        Assert.Equal(ClipTokenizer.DefaultMaxLength, tokenizer.MaxLength);
        Assert.Equal(77, tokenizer.Encode("a cat").Length);
    }

    [Theory]
    [InlineData("""{"model_max_length": 2}""")]
    [InlineData("""{"model_max_length": 12.5}""")]
    [InlineData("""{"model_max_length": "long"}""")]
    [InlineData("""[77]""")]
    [InlineData("""{"model_max_length": 12""")]
    public void A_broken_model_max_length_is_refused_naming_the_file(string configJson)
    {
        var dir = TokenizerWith(configJson);
        var error = Assert.Throws<CheckpointException>(() => ClipTokenizer.FromFolder(dir));
        Assert.Contains(ClipTokenizer.ConfigFileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_writes_the_length_and_keeps_the_configs_other_fields()
    {
        var dir = TokenizerWith("""{"model_max_length": 77, "bos_token": "<|startoftext|>"}""");
        ClipTokenizer.FromVocabulary(ClipVocabulary.FromFolder(dir), 20).Save(dir);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, ClipTokenizer.ConfigFileName)))!.AsObject();
        Assert.Equal(20, config["model_max_length"]!.GetValue<int>());
        Assert.Equal("<|startoftext|>", config["bos_token"]!.GetValue<string>());
        Assert.Equal(20, ClipTokenizer.FromFolder(dir).MaxLength);
    }

    private string ModelWithTokenizerLength(int length)
    {
        var model = Path.Combine(_dir, "model");
        TestPaths.CopyDirectory(TestPaths.TinySd15, model);
        ClipTokenizerConfig.Write(Path.Combine(model, "tokenizer"), length);
        return model;
    }

    [Fact]
    public void A_tokenizer_longer_than_the_text_encoders_positions_is_refused_when_the_model_loads()
    {
        var model = ModelWithTokenizerLength(100);
        var error = Assert.Throws<CheckpointException>(() => ModelLoader.Load(model, DeviceSpec.Cpu));
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_position_embeddings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shorter_tokenizer_generates_with_that_many_text_states()
    {
        using var loaded = ModelLoader.Load(ModelWithTokenizerLength(20), DeviceSpec.Cpu);
        using var states = PromptEncoder.Encode(loaded.Tokenizer, loaded.TextEncoder, "a photo of a cat", 1, DeviceSpec.Cpu.Device);
        Assert.Equal(20, states.shape[1]);
        using var result = new StableDiffusionPipeline(loaded).Generate(new GenerationRequest
        {
            Prompt = "a photo of a cat", Steps = 2, Scheduler = "ddim", Width = 32, Height = 32,
        });
        Assert.False(result.Images.isnan().any().item<bool>());
    }
}
