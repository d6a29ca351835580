using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.GenerationKinds;

/// <summary>What the model cache loads for a key, and the defaults the studio offers agreeing with the engine's.</summary>
public sealed class ModelKeyCacheTests
{
    [Fact]
    public void A_key_with_add_ons_is_its_own_entry_and_a_plain_key_shares_the_plain_model()
    {
        var folder = TinyAddOnModel.FolderPath;
        using var cache = new ModelCache(DeviceSpec.Cpu, budgetBytes: long.MaxValue);

        var plain = cache.Get(folder);
        var dreamTuner = cache.Get(new ModelKey(folder, ModelFolderLayout.ControlNet(folder, Data.Entities.ControlType.Pose), CoarseIdentity: true));

        Assert.Same(plain, cache.Get(new ModelKey(folder)).Model);
        Assert.NotSame(plain, dreamTuner.Model);
        Assert.Null(plain.ControlNet);
        Assert.NotNull(dreamTuner.Model.ControlNet);
        Assert.Equal(CoarseIdentityKind.SubjectEncoder, dreamTuner.CoarseIdentityKind);
        Assert.Same(dreamTuner, cache.Get(new ModelKey(folder, ModelFolderLayout.ControlNet(folder, Data.Entities.ControlType.Pose), CoarseIdentity: true)));
        Assert.Equal(2, cache.Loads);
    }

    [Fact]
    public void A_model_folder_without_a_coarse_identity_module_loads_none()
    {
        var folder = Path.Combine(TinyModel.ModelsRoot, TinyModel.ModelId);
        using var cache = new ModelCache(DeviceSpec.Cpu, budgetBytes: long.MaxValue);

        var loaded = cache.Get(new ModelKey(folder, CoarseIdentity: true));

        Assert.False(ModelFolderLayout.HasCoarseIdentity(folder));
        Assert.Equal(CoarseIdentityKind.None, loaded.CoarseIdentityKind);
        Assert.Null(loaded.CoarseIdentity);
    }

    [Fact]
    public void A_blob_that_is_not_a_package_archive_is_refused_in_one_line()
    {
        using var folder = new Data.Tests.Support.TempFolder();

        var error = Assert.Throws<CheckpointException>(() => CharacterPackageArchive.Extract(new MemoryStream([1, 2, 3, 4]), folder.Path));

        Assert.Contains("zip archive", error.Message);
    }

    [Fact]
    public void The_studios_dreamtuner_defaults_are_the_engines()
    {
        var engine = new DreamTunerRequest { Base = new GenerationRequest { Prompt = "" }, References = [] };

        Assert.Equal((engine.Beta, engine.WRef, engine.OmegaR, engine.PR, engine.DeltaT, engine.DeltaTPrime),
            (DreamTunerDefaults.Beta, DreamTunerDefaults.WRefPhoto, DreamTunerDefaults.OmegaR, DreamTunerDefaults.PR, DreamTunerDefaults.DeltaT, DreamTunerDefaults.DeltaTPrime));
        Assert.Equal(DreamTunerDefaults.OmegaC, new GenerationRequest { Prompt = "" }.GuidanceScale);
        Assert.Equal(DreamTunerDefaults.OmegaC, new NewGeneration { ProjectId = Guid.Empty, Prompt = "" }.GuidanceScale);
    }
}
