using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Evaluation;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Evaluation;

/// <summary>CLIP embedders over a tiny random CLIP folder written by the starter's own saving code.</summary>
[Collection(GlobalRngCollection.Name)]
public sealed class ClipEmbedderTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDir("dt-clip-eval");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Tensor Picture(long seed, int height = 40, int width = 56) => rand([3, height, width], generator: new Generator((ulong)seed));

    private static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    [Fact]
    public void Image_embeddings_are_unit_length_and_the_same_for_the_same_image()
    {
        using var scope = NewDisposeScope();
        var embedder = ClipImageEmbedder.FromFolder(TinyStarterClip.Write(Path.Combine(_root, "clip")));

        var first = embedder.Embed(Picture(1));
        var again = embedder.Embed(Picture(1));
        var other = embedder.Embed(Picture(2));

        Assert.Equal(32, first.Length);
        Assert.Equal(1.0, Norm(first), 4);
        Assert.Equal(1.0, Norm(other), 4);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Text_embeddings_are_unit_length_in_the_image_space_and_ignore_the_padding()
    {
        using var scope = NewDisposeScope();
        var dir = TinyStarterClip.Write(Path.Combine(_root, "clip"));
        var text = ClipTextEmbedder.FromFolder(dir);
        var image = ClipImageEmbedder.FromFolder(dir);

        var red = text.Embed("a photo of a red cat");
        var redAgain = text.Embed("a photo of a red cat   ");
        var blue = text.Embed("a photo of a blue cat");

        Assert.Equal(image.Embed(Picture(3)).Length, red.Length);
        Assert.Equal(1.0, Norm(red), 4);
        Assert.Equal(red, redAgain);
        Assert.NotEqual(red, blue);
        Assert.InRange(EmbeddingSimilarity.Cosine(image.Embed(Picture(3)), red), -1.0, 1.0);
    }

    [Fact]
    public void Without_a_vocabulary_of_its_own_the_clip_folder_uses_the_models_tokenizer_folder()
    {
        using var scope = NewDisposeScope();
        var dir = TinyStarterClip.Write(Path.Combine(_root, "clip"), withVocabulary: false);

        var embedding = ClipTextEmbedder.FromFolder(dir).Embed("a photo of a cat");

        Assert.Equal(1.0, Norm(embedding), 4);
    }

    [Fact]
    public void A_missing_folder_or_weights_file_is_refused_with_the_path()
    {
        var missing = Path.Combine(_root, "nowhere");
        Assert.Contains(missing, Assert.Throws<CheckpointException>(() => ClipImageEmbedder.FromFolder(missing)).Message);

        var dir = TinyStarterClip.Write(Path.Combine(_root, "clip"));
        File.Delete(Path.Combine(dir, "model.safetensors"));
        var e = Assert.Throws<CheckpointException>(() => ClipTextEmbedder.FromFolder(dir));
        Assert.Contains(Path.Combine(dir, "model.safetensors"), e.Message);

        var lonely = TinyStarterClip.Write(Path.Combine(_root, "alone", "clip"), withVocabulary: false);
        Directory.Delete(Path.Combine(_root, "alone", "tokenizer"), recursive: true);
        Assert.Contains("tokenizer", Assert.Throws<CheckpointException>(() => ClipTextEmbedder.FromFolder(lonely)).Message);
    }
}
