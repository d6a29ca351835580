using DreamTuner.Data.Entities;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Evaluation;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Tests.Support;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Evaluation;

/// <summary>The identity score's embedder, on the real ImageNet ResNet-18 the engine's build copies from NuGet.</summary>
public sealed class ResNet18ImageEmbedderTests(ITestOutputHelper output, ResNet18ImageEmbedderTests.Embedder embedder) : IClassFixture<ResNet18ImageEmbedderTests.Embedder>
{
    public sealed class Embedder : IDisposable
    {
        public ResNet18ImageEmbedder Model { get; } = ResNet18ImageEmbedder.FromFolder(ResNet18ImageEmbedder.DefaultPath);

        public void Dispose() => Model.Dispose();
    }

    private static readonly string[] Photos = ["astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg", "horse.png"];

    private readonly ResNet18ImageEmbedder _model = embedder.Model;

    private static Tensor Photo(string name) =>
        ImageTensors.Load(File.ReadAllBytes(Path.Combine(TestPaths.Images, name)), PixelRange.ZeroToOne, multipleOf: 1).Pixels[0];

    /// <summary>A 5x5 box blur: the same picture, slightly softer.</summary>
    private static Tensor Blurred(Tensor image)
    {
        var kernel = ones(3, 1, 5, 5) / 25;
        var padded = nn.functional.pad(image.unsqueeze(0), [2, 2, 2, 2], PaddingModes.Replicate);
        return nn.functional.conv2d(padded, kernel, groups: 3)[0];
    }

    [Fact]
    public void The_features_are_the_512_pooled_channels_and_the_same_image_gives_the_same_features_twice()
    {
        using var scope = NewDisposeScope();
        var cat = Photo("chelsea.png");

        var first = _model.Embed(cat);
        var second = _model.Embed(cat);

        Assert.Equal(ResNet18ImageEmbedder.FeatureLength, first.Length);
        Assert.Equal(first, second);
        Assert.Contains(first, v => v > 0);
    }

    [Fact]
    public void Two_different_photos_are_less_similar_than_a_photo_and_its_slightly_blurred_copy()
    {
        using var scope = NewDisposeScope();
        var cat = Photo("chelsea.png");
        var catFeatures = _model.Embed(cat);

        var blurred = EmbeddingSimilarity.Cosine(catFeatures, _model.Embed(Blurred(cat)));
        var coffee = EmbeddingSimilarity.Cosine(catFeatures, _model.Embed(Photo("coffee.png")));

        output.WriteLine($"cat vs blurred cat {blurred:F3}, cat vs coffee {coffee:F3}");
        Assert.True(coffee < blurred, $"cat vs coffee {coffee:F3} should be below cat vs blurred cat {blurred:F3}");
        Assert.True(blurred > 0.9, $"a slight blur should barely move the features ({blurred:F3})");
    }

    /// <summary>
    /// The measurement behind <see cref="Project.DefaultIdentityThreshold"/>: every pair of unrelated fixture photos
    /// scores below it, and every photo against its own blurred copy or its subject crop scores above it.
    /// </summary>
    [Fact]
    public void The_default_identity_threshold_separates_unrelated_photos_from_the_same_picture()
    {
        using var scope = NewDisposeScope();
        var features = Photos.ToDictionary(p => p, p => _model.Embed(Photo(p)));
        var unrelated = new List<double>();
        for (var i = 0; i < Photos.Length; i++)
        for (var j = i + 1; j < Photos.Length; j++)
        {
            var cosine = EmbeddingSimilarity.Cosine(features[Photos[i]], features[Photos[j]]);
            output.WriteLine($"{Photos[i]} vs {Photos[j]}: {cosine:F3}");
            unrelated.Add(cosine);
        }

        var same = new List<double>();
        foreach (var p in Photos)
        {
            var photo = Photo(p);
            var blurred = EmbeddingSimilarity.Cosine(features[p], _model.Embed(Blurred(photo)));
            var centre = EmbeddingSimilarity.Cosine(features[p], _model.Embed(photo[.., (int)(photo.shape[1] / 8)..(int)(photo.shape[1] * 7 / 8),
                (int)(photo.shape[2] / 8)..(int)(photo.shape[2] * 7 / 8)]));
            output.WriteLine($"{p} vs blurred {blurred:F3}, vs its centre 3/4 {centre:F3}");
            same.AddRange([blurred, centre]);
        }

        output.WriteLine($"unrelated max {unrelated.Max():F3}, same picture min {same.Min():F3}");
        Assert.True(unrelated.Max() < Project.DefaultIdentityThreshold, $"unrelated photos reach {unrelated.Max():F3}");
        Assert.True(same.Min() > Project.DefaultIdentityThreshold, $"the same picture drops to {same.Min():F3}");
    }

    [Fact]
    public void A_folder_without_the_model_is_refused_with_the_path_it_looked_for()
    {
        var dir = TestPaths.NewTempDir("dt-resnet");
        try
        {
            var e = Assert.Throws<CheckpointException>(() => ResNet18ImageEmbedder.FromFolder(dir));
            Assert.Contains(dir, e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
