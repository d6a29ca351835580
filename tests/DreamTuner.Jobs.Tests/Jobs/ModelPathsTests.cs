using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Jobs;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>A model id comes from users, so it must never name a file outside Engine:ModelsRoot.</summary>
public sealed class ModelPathsTests
{
    [Theory]
    [InlineData("/etc")]
    [InlineData("../tiny")]
    [InlineData("tiny/../../etc")]
    [InlineData("a//b")]
    [InlineData("C:\\models")]
    [InlineData("")]
    public void Escaping_or_empty_model_ids_are_refused(string modelId)
    {
        var e = Assert.Throws<GenerationFailedException>(() => ModelPaths.Resolve(TinyModel.ModelsRoot, modelId));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void A_folder_under_the_models_root_resolves_to_its_full_path() =>
        Assert.Equal(Path.Combine(TinyModel.ModelsRoot, TinyModel.ModelId), ModelPaths.Resolve(TinyModel.ModelsRoot, TinyModel.ModelId));

    [Fact]
    public void A_missing_model_names_the_model_and_where_it_was_looked_for()
    {
        // Not "starter": the tests link the committed starter model into this folder (BundledStarterModel).
        var e = Assert.Throws<GenerationFailedException>(() => ModelPaths.Resolve(TinyModel.ModelsRoot, "sd15-not-installed"));
        Assert.Contains("\"sd15-not-installed\" is not installed", e.Message);
        Assert.Contains(Path.Combine(TinyModel.ModelsRoot, "sd15-not-installed"), e.Message);
    }
}
