using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Training;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static TorchSharp.torch;
using EngineFineTuneMode = DreamTuner.Engine.Training.FineTuneMode;
using RowFineTuneMode = DreamTuner.Data.Entities.FineTuneMode;

namespace DreamTuner.Jobs.Tests.GenerationKinds;

/// <summary>DreamTuner generations: characters' references, masks and trained packages reach the engine's pipeline.</summary>
public sealed class DreamTunerJobTests
{
    private static readonly TimeSpan Timeout = Waits.Timeout;

    [Fact]
    public async Task A_generation_with_an_untrained_rgba_character_runs_dreamtuner_with_the_subject_encoder_and_says_so()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        _ = TinyAddOnModel.FolderPath;
        var rex = await GenerationKindsWorld.CharacterAsync(world, project, "Rex", "[S1*]", GenerationKindsWorld.Png(40, 24, transparentBorder: true));

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 3, model: TinyAddOnModel.ModelId) with
        {
            Prompt = "[S1*] fox in the snow", CharacterIds = [rex.Id], ReferenceProbability = 0.5,
        });

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var image = Assert.Single(done.Images);
        var info = await GenerationKindsWorld.ParametersAsync(world, image);
        Assert.Equal("dreamtuner", info.Get("Method"));
        Assert.Equal("subject-encoder", info.Get("Coarse identity"));
        Assert.Equal("Rex (untrained)", info.Get("Characters"));
        Assert.Equal("0.5", info.Get("p_r"));
        Assert.Equal("1", info.Get("DreamTuner references"));
        Assert.Equal("[S1*] fox in the snow", info.Prompt);
    }

    [Fact]
    public async Task A_model_without_a_coarse_identity_module_runs_dreamtuner_on_self_subject_attention_alone()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var rex = await GenerationKindsWorld.CharacterAsync(world, project, "Rex", "[S1*]", GenerationKindsWorld.Png(32, 32, transparentBorder: true));

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2) with { Prompt = "[S1*] running", CharacterIds = [rex.Id] });

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var info = await GenerationKindsWorld.ParametersAsync(world, Assert.Single(done.Images));
        Assert.Equal("dreamtuner", info.Get("Method"));
        Assert.Equal("none", info.Get("Coarse identity"));
    }

    [Fact]
    public async Task A_trained_character_loads_its_package_from_the_active_fine_tune()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var rex = await GenerationKindsWorld.CharacterAsync(world, project, "Rex", "[S1*]", GenerationKindsWorld.Png(32, 32, transparentBorder: true));
        var artifact = await GenerationKindsWorld.BlobAsync(world, PackageFor(TinyAddOnModel.FolderPath, "sks"), "application/zip");
        var fineTune = new FineTune
        {
            CharacterId = rex.Id, Status = JobStatus.Succeeded, Mode = RowFineTuneMode.Full, ArtifactHash = artifact,
            CreatedAt = TestClock.Now(),
        };
        db.FineTunes.Add(fineTune);
        await db.SaveChangesAsync();
        rex.ActiveFineTuneId = fineTune.Id;
        db.Characters.Update(rex);
        await db.SaveChangesAsync();

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2, model: TinyAddOnModel.ModelId) with
        {
            Prompt = "a photo of [S1*] fox", CharacterIds = [rex.Id],
        });

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var info = await GenerationKindsWorld.ParametersAsync(world, Assert.Single(done.Images));
        Assert.Equal($"Rex (trained, package {artifact[..10]})", info.Get("Characters"));
    }

    [Fact]
    public async Task A_deleted_character_fails_the_generation_with_a_reason_and_no_image()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2) with { Prompt = "[S1*]", CharacterIds = [Guid.NewGuid()] });

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Contains("character", done.Error);
        Assert.Empty(done.Images);
    }

    /// <summary>A full-mode package that only teaches a token (random row), zipped as the blob FineTune.ArtifactHash holds.</summary>
    private static byte[] PackageFor(string modelFolder, string token)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "rex.safetensors");
        using (var model = ModelLoader.Load(modelFolder, DeviceSpec.Cpu))
        {
            using var character = new TrainedCharacter
            {
                Token = token, TokenId = 0, ClassWord = "fox", Caption = "a photo of sks fox",
                TokenEmbedding = randn(model.TextEncoder.Config.HiddenSize),
                Options = new SubjectFineTuneOptions { Mode = EngineFineTuneMode.Full },
                Deltas = new Dictionary<string, Tensor>(), Losses = [0.5], Warnings = [],
            };
            CharacterPackage.Save(path, model, character);
        }
        using var zip = new MemoryStream();
        CharacterPackageArchive.Write(path, zip);
        return zip.ToArray();
    }
}
