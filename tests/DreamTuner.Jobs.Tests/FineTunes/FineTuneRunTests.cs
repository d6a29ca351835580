using System.Text.Json;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Runtime;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.FineTunes;

/// <summary>A dispatched fine-tune trains on the engine and leaves exactly one character package that generation can load.</summary>
public sealed class FineTuneRunTests
{
    [Fact]
    public async Task A_dispatched_fine_tune_stores_one_loadable_package_and_becomes_the_characters_active_fine_tune()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project);

        var queued = await world.FineTunes.EnqueueAsync(new NewFineTune(character.Id, users[0].Id, FineTuneSeeds.Parameters(steps: 4)));
        var done = await world.WaitForFineTuneEndAsync(queued.Id, Waits.Timeout);

        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.Error}");
        Assert.Equal((4, 4), (done.ProgressStep, done.ProgressTotal));
        var losses = JsonSerializer.Deserialize<List<FineTuneLossPoint>>(done.LossHistoryJson, JsonSerializerOptions.Web)!;
        Assert.Equal([1, 2, 3, 4], losses.Select(l => l.Step));
        Assert.All(losses, l => Assert.True(double.IsFinite(l.Loss) && l.Loss > 0));
        Assert.Equal(queued.Id, done.Character!.ActiveFineTuneId);
        var artifact = Assert.Single(await db.Blobs.AsNoTracking().Where(b => b.ContentType == CharacterPackageArchive.ContentType).ToListAsync());
        Assert.Equal(artifact.Hash, done.ArtifactHash);
        Assert.False(Directory.Exists(new FineTuneWorkspace(world.WorkRoot.Path, queued.Id).Root), "the workspace is removed after success");

        // The stored package loads onto the base model it was trained on, under the character's token.
        using var unpacked = new TempFolder();
        var blobs = world.Studio.Services.GetRequiredService<IBlobStore>();
        string package;
        await using (var stream = blobs.OpenRead(artifact.Hash))
            package = CharacterPackageArchive.Extract(stream, unpacked.Path);
        using var model = ModelLoader.Load(Path.Combine(TinyModel.ModelsRoot, TinyModel.ModelId), DeviceSpec.Parse("cpu", "float32"));
        using var loaded = CharacterPackage.Load(model, package);
        Assert.Equal(FineTuneRequestFactory.TokenFor(character.Id), loaded.Manifest.Token);
        Assert.Equal(4, loaded.Manifest.Steps);
        Assert.Equal("toy", loaded.Manifest.ClassWord);
    }
}
