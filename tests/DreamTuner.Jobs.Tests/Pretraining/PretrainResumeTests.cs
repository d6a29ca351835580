using DreamTuner.Data.Jobs;
using DreamTuner.Data.Options;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Engine.Jobs;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.Extensions.Options;

namespace DreamTuner.Jobs.Tests.Pretraining;

/// <summary>A pretraining run stopped by a shutdown keeps its checkpoint, and the next run of the same job continues from it.</summary>
public sealed class PretrainResumeTests
{
    [Fact]
    public async Task A_run_stopped_after_its_first_step_resumes_at_the_second_and_then_publishes()
    {
        using var models = new PretrainModelsFolder(images: 2);
        using var work = new TempFolder();
        var options = Options.Create(new EngineOptions { ModelsRoot = models.Root, WorkRoot = work.Path });
        var request = new PretrainJobRequest
        {
            ModelId = PretrainModelsFolder.ModelId, DatasetFolder = PretrainModelsFolder.DataFolder, Steps = 3, BatchSize = 1,
            LearningRate = 1e-3, Resolution = PretrainModelsFolder.ImageSize, CheckpointEvery = 1, Seed = 4,
        };

        // Without a Hangfire context a cancelled run counts as a shutdown: it rethrows and keeps its checkpoint.
        using var shutdown = new CancellationTokenSource();
        var first = new StepLogger<PretrainJobs> { OnMessage = m => { if (m.Contains("step 1/3", StringComparison.Ordinal)) shutdown.Cancel(); } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PretrainJobs(options, first).RunAsync(request, null, shutdown.Token));
        Assert.Null(ModelFolderLayout.ExistingSubjectEncoder(models.ModelPath));
        Assert.Single(Directory.GetDirectories(Path.Combine(work.Path, "pretrain")));

        var second = new StepLogger<PretrainJobs>();
        await new PretrainJobs(options, second).RunAsync(request, null, CancellationToken.None);
        var steps = second.Messages.Where(m => m.Contains(" step ", StringComparison.Ordinal)).ToList();
        Assert.Contains("step 2/3", steps[0], StringComparison.Ordinal);
        Assert.DoesNotContain(steps, m => m.Contains("step 1/3", StringComparison.Ordinal));
        Assert.NotNull(ModelFolderLayout.ExistingSubjectEncoder(models.ModelPath));
        Assert.Empty(Directory.GetDirectories(Path.Combine(work.Path, "pretrain")));
    }
}
