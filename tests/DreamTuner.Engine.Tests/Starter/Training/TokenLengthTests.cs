using DreamTuner.Engine.Cli;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary>
/// <c>train-starter --token-length</c>: the text encoder, the CLIP text tower and the tokenizer read that many ids
/// per caption, the card says so, later stages keep the folder's length, and the folder samples like a user's model.
/// </summary>
[Collection(GlobalRngCollection.Name)]
public sealed class TokenLengthTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("starter-token-length");

    public void Dispose() => Directory.Delete(_dir, true);

    private string Model => Path.Combine(_dir, "model");

    private Task<int> Train(string stage, params string[] extra) => EngineCommandLine.RunAsync(["train-starter", "--out", Model,
        "--work", Path.Combine(_dir, "work"), "--scale", "tiny", "--steps-per-stage", "2", "--stage", stage, .. extra]);

    private int Positions(string component) => ClipTextConfig.FromFile(Path.Combine(Model, component, ClipTextConfig.FileName)).MaxPositionEmbeddings;

    [Fact]
    public async Task A_starter_model_with_shorter_captions_trains_loads_and_samples()
    {
        var length = StarterArchitecture.MinTokenLength + 2;
        Assert.Equal(0, await Train("vae", "--token-length", $"{length}"));
        Assert.Equal(0, await Train("unet", "--token-length", $"{length}"));
        // Without the option, the next stages read the folder's text encoder and keep its length.
        Assert.Equal(0, await Train("controlnet"));
        Assert.Equal(0, await Train("clip"));

        Assert.Equal(length, Positions("text_encoder"));
        Assert.Equal(length, ClipTokenizer.FromFolder(Path.Combine(Model, "tokenizer")).MaxLength);
        StarterFolderSampling.AssertSamplesAnImage(Model);
        var card = await File.ReadAllTextAsync(Path.Combine(Model, "MODEL_CARD.md"));
        Assert.Contains($"{length} ids per caption", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_option_a_new_folder_keeps_stable_diffusions_77()
    {
        Assert.Equal(0, await Train("vae"));
        Assert.Equal(ClipTokenizer.DefaultMaxLength, ClipTokenizer.FromFolder(Path.Combine(Model, "tokenizer")).MaxLength);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Lengths_the_captions_or_the_format_cannot_take_are_refused_before_anything_is_written(bool tooShort)
    {
        var length = tooShort ? StarterArchitecture.MinTokenLength - 1 : ClipTokenizer.DefaultMaxLength + 1;
        var refused = await EngineCommandLine.RunAsync(["train-starter", "--out", Path.Combine(_dir, "a"), "--scale", "tiny", "--token-length", $"{length}"]);
        Assert.NotEqual(0, refused);
        Assert.False(Directory.Exists(Path.Combine(_dir, "a")));
    }
}
