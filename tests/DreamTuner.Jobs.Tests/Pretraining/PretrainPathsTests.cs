using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Engine.Jobs;

namespace DreamTuner.Jobs.Tests.Pretraining;

/// <summary>Which folders a pretraining request may name: inside the models root or an explicit absolute path, nothing that escapes.</summary>
public sealed class PretrainPathsTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly TempFolder _elsewhere = new();

    public PretrainPathsTests() => Directory.CreateDirectory(Path.Combine(_root.Path, "sets", "cats"));

    public void Dispose()
    {
        _root.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public void A_relative_folder_resolves_under_the_models_root_and_an_absolute_one_is_taken_as_is()
    {
        Assert.Equal(Path.Combine(_root.Path, "sets", "cats"), PretrainPaths.ResolveFolder(_root.Path, "sets/cats", "dataset folder"));
        Assert.Equal(_elsewhere.Path, PretrainPaths.ResolveFolder(_root.Path, _elsewhere.Path, "dataset folder"));
    }

    [Theory]
    [InlineData("../outside", "is not a valid folder name")]
    [InlineData("sets/../../outside", "is not a valid folder name")]
    [InlineData("sets//cats", "is not a valid folder name")]
    [InlineData("sets/dogs", "does not exist on this engine")]
    [InlineData(" ", "names no dataset folder")]
    public void A_folder_that_escapes_or_is_missing_is_a_readable_failure(string folder, string reason)
    {
        var e = Assert.Throws<GenerationFailedException>(() => PretrainPaths.ResolveFolder(_root.Path, folder, "dataset folder"));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../up.safetensors")]
    [InlineData("sub/dir.safetensors")]
    [InlineData("weights.bin")]
    [InlineData("")]
    public void An_output_name_that_is_not_a_plain_safetensors_file_name_is_refused(string name)
    {
        var request = new PretrainJobRequest { ModelId = "m", DatasetFolder = "d", OutputName = name };
        Assert.Contains(request.Problems(), p => p.StartsWith("The output name", StringComparison.Ordinal));
        Assert.Empty((request with { OutputName = "mine.safetensors" }).Problems());
    }
}
