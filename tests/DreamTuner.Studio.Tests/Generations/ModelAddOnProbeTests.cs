using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services.Methods;

namespace DreamTuner.Studio.Tests.Generations;

/// <summary>The studio reads a model folder's add-ons with the engine's layout (<see cref="ModelFolderLayout"/>).</summary>
public sealed class ModelAddOnProbeTests : IDisposable
{
    private readonly TempFolder _root = new();

    private ModelAddOnProbe Probe(string? root) => new(Microsoft.Extensions.Options.Options.Create(new ModelFolderOptions { ModelsRoot = root }));

    private string Model(string name)
    {
        var path = Path.Combine(_root.Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static void Touch(string model, string relative)
    {
        var file = Path.Combine(model, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, [0]);
    }

    [Fact]
    public void A_subject_encoder_wins_over_ip_adapter_and_either_needs_the_image_encoder()
    {
        var both = Model("both");
        Touch(both, ModelFolderLayout.SubjectEncoderFile);
        Touch(both, ModelFolderLayout.IPAdapterFile);
        Directory.CreateDirectory(Path.Combine(both, ModelFolderLayout.ImageEncoderFolder));
        var ip = Model("ip");
        Touch(ip, ModelFolderLayout.IPAdapterFile);
        Directory.CreateDirectory(Path.Combine(ip, ModelFolderLayout.ImageEncoderFolder));
        var noEncoder = Model("no-image-encoder");
        Touch(noEncoder, ModelFolderLayout.SubjectEncoderFile);
        Model("bare");
        var probe = Probe(_root.Path);

        Assert.Equal(InstalledCoarseIdentity.SubjectEncoder, probe.CoarseIdentityOf("both"));
        Assert.Equal(InstalledCoarseIdentity.IPAdapter, probe.CoarseIdentityOf("ip"));
        Assert.Equal(InstalledCoarseIdentity.None, probe.CoarseIdentityOf("no-image-encoder"));
        Assert.Equal(InstalledCoarseIdentity.None, probe.CoarseIdentityOf("bare"));
    }

    [Fact]
    public void Unknown_when_the_studio_cannot_see_the_folder_or_the_name_escapes_it()
    {
        Model("bare");
        Assert.Equal(InstalledCoarseIdentity.Unknown, Probe(null).CoarseIdentityOf("bare"));
        Assert.Equal(InstalledCoarseIdentity.Unknown, Probe(_root.Path).CoarseIdentityOf("missing"));
        Assert.Equal(InstalledCoarseIdentity.Unknown, Probe(_root.Path).CoarseIdentityOf("../bare"));
    }

    public void Dispose() => _root.Dispose();
}
