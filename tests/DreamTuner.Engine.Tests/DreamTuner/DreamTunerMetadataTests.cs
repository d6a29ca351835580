using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.DreamTuner;

public sealed class DreamTunerMetadataTests
{
    private static DreamTunerRequest Request(CoarseIdentityKind kind) => new()
    {
        Base = new GenerationRequest { Prompt = "a dog", GuidanceScale = 6 },
        References = [new DreamTunerReference(ones(1, 3, 8, 8)), new DreamTunerReference(ones(1, 3, 8, 8))],
        CoarseIdentity = kind,
        Beta = 0.3,
    };

    [Fact]
    public void Png_metadata_names_the_coarse_identity_module_and_the_knobs()
    {
        var info = GenerationInfo.Create("a dog", "", 20, "ddim", 6, 1, 64, 64, "abc", "m", Request(CoarseIdentityKind.IPAdapter).MetadataEntries());
        var parsed = PngParameters.Parse(PngParameters.Format(info));
        Assert.Equal("IP-Adapter", parsed.Get("Coarse identity"));
        Assert.Equal("2", parsed.Get("DreamTuner references"));
        Assert.Equal("0.3", parsed.Get("Beta"));
        Assert.Equal("6.0", parsed.Get("omega_c"));
    }

    [Fact]
    public void Without_a_coarse_module_beta_is_not_claimed()
    {
        var entries = Request(CoarseIdentityKind.None).MetadataEntries().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("none", entries["Coarse identity"]);
        Assert.False(entries.ContainsKey("Beta"));
    }
}
