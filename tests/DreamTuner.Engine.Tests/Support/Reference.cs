using System.Text.Json;
using DreamTuner.Engine.Checkpoints;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Support;

/// <summary>
/// The reference implementation's inputs and outputs (tests/data/reference/ref) and the per-tensor
/// tolerances of its manifest: a tensor matches iff |actual - expected| &lt;= atol + rtol*|expected| everywhere.
/// </summary>
public static class Reference
{
    private static readonly Lazy<Dictionary<string, Tensor>> LazyInputs =
        new(() => ReadCached(Path.Combine(TestPaths.Reference, "ref", "inputs.safetensors")));
    private static readonly Lazy<Dictionary<string, Tensor>> LazyExpected =
        new(() => ReadCached(Path.Combine(TestPaths.Reference, "ref", "expected.safetensors")));
    private static readonly Lazy<JsonElement> LazyManifest =
        new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Reference, "ref", "manifest.json"))).RootElement);
    private static readonly Lazy<JsonElement> LazyInputsJson =
        new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Reference, "ref", "inputs.json"))).RootElement);

    // The tensors live for the whole run, so they must not join the dispose scope of the test that loads them first.
    private static Dictionary<string, Tensor> ReadCached(string path)
    {
        var tensors = StateDict.Read(path);
        foreach (var tensor in tensors.Values)
            tensor.DetachFromDisposeScope();
        return tensors;
    }

    public static Tensor Input(string name) => LazyInputs.Value[name];
    public static Tensor Expected(string name) => LazyExpected.Value[name];
    public static JsonElement InputsJson => LazyInputsJson.Value;
    public static IEnumerable<string> ExpectedNames => LazyExpected.Value.Keys;

    public static (double Atol, double Rtol) Tolerance(string name)
    {
        var t = LazyManifest.Value.GetProperty("tensors").GetProperty(name);
        return (t.GetProperty("atol").GetDouble(), t.GetProperty("rtol").GetDouble());
    }

    /// <summary>Asserts that <paramref name="actual"/> matches the expected tensor within the manifest's tolerance.</summary>
    public static void AssertMatches(string name, Tensor actual)
    {
        var expected = Expected(name).to(float64);
        var got = actual.detach().cpu().to(float64);
        Assert.True(expected.shape.SequenceEqual(got.shape),
            $"{name}: shape [{string.Join(",", got.shape)}] but expected [{string.Join(",", expected.shape)}]");
        Assert.False(got.isnan().any().item<bool>() || got.isinf().any().item<bool>(), $"{name}: contains NaN/inf");
        var (atol, rtol) = Tolerance(name);
        var diff = (got - expected).abs();
        var excess = diff - (atol + rtol * expected.abs());
        var maxDiff = diff.max().item<double>();
        Assert.True(excess.max().item<double>() <= 0,
            $"{name}: max abs diff {maxDiff:G4} exceeds atol {atol:G3} (rtol {rtol:G3})");
    }
}
