using System.Text.Json;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Training;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Jobs.Tests.FineTunes;

/// <summary>A worker dying mid-fine-tune: Hangfire hands the job out again and training continues from the last checkpoint.</summary>
public sealed class FineTuneCrashTests
{
    private const int Steps = 12;
    private const int CheckpointEvery = 2;

    [Fact]
    public async Task A_killed_engine_process_resumes_from_its_last_checkpoint_and_stores_exactly_one_package()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project);
        var queued = await world.FineTunes.EnqueueAsync(new NewFineTune(character.Id, users[0].Id,
            FineTuneSeeds.Parameters(steps: Steps, checkpointEvery: CheckpointEvery)));
        var workspace = new FineTuneWorkspace(world.WorkRoot.Path, queued.Id);
        var state = Path.Combine(workspace.CheckpointDir, TrainingCheckpoint.StateFile);

        string firstOutput;
        using (var first = EngineProcess.Start(world.EngineSettings()))
        {
            await Waits.UntilAsync(() => Task.FromResult(CheckpointStep(state) >= CheckpointEvery || first.HasExited), "the first checkpoint");
            Assert.False(first.HasExited, first.Output);
            first.Kill();
            firstOutput = first.Output;
        }
        var checkpoint = workspace.Checkpoint();
        Assert.NotNull(checkpoint);
        Assert.InRange(checkpoint.Step, CheckpointEvery, Steps - 1);
        Assert.Equal(0, checkpoint.Step % CheckpointEvery);
        Assert.Equal(JobStatus.Running, (await world.ReloadFineTuneAsync(queued.Id)).Status);

        // The restarted worker fetches the job once its invisibility timeout (10 s here) has passed.
        using var second = EngineProcess.Start(world.EngineSettings());
        FineTune done;
        try
        {
            done = await world.WaitForFineTuneEndAsync(queued.Id, Waits.Timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nfirst engine:\n{firstOutput}\nsecond engine:\n{second.Output}", e);
        }
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.Error}\n{second.Output}");
        Assert.Contains($"resuming from the checkpoint at step {checkpoint.Step} of {Steps}", second.Output);
        Assert.Contains($"this session's first step is {checkpoint.Step + 1} (it started at step {checkpoint.Step})", second.Output);
        var losses = JsonSerializer.Deserialize<List<FineTuneLossPoint>>(done.LossHistoryJson, JsonSerializerOptions.Web)!;
        Assert.Equal(Enumerable.Range(1, Steps), losses.Select(l => l.Step));
        Assert.Equal(checkpoint.Losses, losses.Take(checkpoint.Step).Select(l => l.Loss));
        var artifact = Assert.Single(await db.Blobs.AsNoTracking().Where(b => b.ContentType == CharacterPackageArchive.ContentType).ToListAsync());
        Assert.Equal(artifact.Hash, done.ArtifactHash);
        Assert.Equal(queued.Id, done.Character!.ActiveFineTuneId);
    }

    /// <summary>The checkpoint's step as the engine last wrote it, read without touching its folder; 0 while none is complete.</summary>
    private static int CheckpointStep(string stateFile)
    {
        try
        {
            return File.Exists(stateFile) ? JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(stateFile))!.Step : 0;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return 0;
        }
    }
}
