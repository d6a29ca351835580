using System.Diagnostics;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Cli;
using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Training;
using DreamTuner.Engine.Training.Pretraining;
using DreamTuner.Engine.Vision;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// The engine's subject-encoder pretraining job: the same training as <c>pretrain-subject-encoder</c>, with its
/// checkpoints in a <see cref="PretrainWorkspace"/> named by the Hangfire job id (so a re-run resumes) and its result
/// moved into the model folder's <c>subject_encoder/</c> (the <see cref="ModelFolderLayout"/> generations look in)
/// only once complete. Problems the administrator must fix (paths, data, settings) fail the job without retries.
/// </summary>
public sealed class PretrainJobs(IOptions<EngineOptions> options, ILogger<PretrainJobs> logger, TimeProvider? time = null) : IPretrainJobs
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Least time between progress log lines and job-parameter writes (every step would flood both on a GPU).</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    public async Task RunAsync(PretrainJobRequest request, PerformContext? context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Problems() is { Count: > 0 } problems) throw new GenerationFailedException(string.Join(" ", problems));
        var workspace = new PretrainWorkspace(options.Value.WorkRoot, PretrainWorkspace.IdFor(context?.BackgroundJob.Id, request));
        try
        {
            // Loading and training run synchronously on one dedicated thread: TorchSharp's dispose scopes and no_grad
            // are thread-local, and a long run should not hold a thread-pool thread.
            var output = await Task.Factory.StartNew(() => Train(request, context, workspace, cancellation), cancellation,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            logger.LogInformation("Pretraining {Work}: wrote {Output}", workspace.Id, output);
            workspace.Delete();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Shutdown: keep the checkpoint; Hangfire re-queues the job and the re-run resumes from it. Hangfire's token
            // (and its ShutdownToken) fire for both shutdown and deletion, so the job's stored state tells them apart.
            if (!HangfireJobState.WasDeleted(context)) throw;
            // Deleted: this job never runs again, so its checkpoint is of no use.
            logger.LogInformation("Pretraining {Work} was cancelled", workspace.Id);
            workspace.Delete();
        }
    }

    private string Train(PretrainJobRequest request, PerformContext? context, PretrainWorkspace workspace, CancellationToken cancellation)
    {
        var engine = options.Value;
        var modelPath = ModelPaths.Resolve(engine.ModelsRoot, request.ModelId);
        var dataDir = PretrainPaths.ResolveFolder(engine.ModelsRoot, request.DatasetFolder, "dataset folder");
        var imageEncoderDir = request.ImageEncoderFolder is { } ie
            ? PretrainPaths.ResolveFolder(engine.ModelsRoot, ie, "image encoder folder")
            : ModelFolderLayout.ImageEncoder(modelPath);
        if (!Directory.Exists(imageEncoderDir))
            throw new GenerationFailedException($"Model \"{request.ModelId}\" has no CLIP image encoder (looked for {imageEncoderDir}); install one there or name one in the request.");
        var controlNetDir = request.DepthControlNetFolder is { } cn ? PretrainPaths.ResolveFolder(engine.ModelsRoot, cn, "depth ControlNet folder") : null;
        var trainingOptions = new SubjectEncoderPretrainOptions
        {
            Steps = request.Steps,
            BatchSize = request.BatchSize,
            LearningRate = request.LearningRate,
            Seed = request.Seed,
            CheckpointEvery = request.CheckpointEvery,
            Resolution = request.Resolution,
        };

        PretrainingDataset dataset;
        try
        {
            trainingOptions.Validate();
            dataset = PretrainingDataset.Scan(dataDir).Validate();
        }
        catch (Exception e) when (e is PretrainingDataException or ArgumentException)
        {
            throw new GenerationFailedException($"Pretraining cannot start: {e.Message}", e);
        }

        var spec = DeviceSpec.Parse(engine.Device, engine.DType);
        StableDiffusionModel model;
        ClipVisionModel clip;
        ControlNetModel? depthNet;
        try
        {
            model = ModelLoader.Load(modelPath, spec);
            clip = ClipVisionModel.FromFolder(imageEncoderDir, spec.Device, spec.DType);
            depthNet = controlNetDir is null ? null : ControlNetModel.FromFolder(controlNetDir, spec.Device, spec.DType);
        }
        catch (CheckpointException e)
        {
            throw new GenerationFailedException($"Pretraining cannot load its models: {e.Message}", e);
        }
        using var loaded = model;
        using var depth = depthNet;
        // A fresh encoder from the request's seed: on a resumed run the checkpoint then overwrites its weights.
        using var identity = SubjectEncoderPretrainer.CreateFresh(model.Unet, clip,
            PretrainSubjectEncoderCommand.Config(null, new SubjectEncoderConfig().NumResBlocks, clip.Config, model.Unet.Config.CrossAttentionDim.Values[0]),
            request.Seed);
        if (dataset.HasDepth != (depthNet is not null))
            logger.LogWarning("Pretraining {Work}: {Count} images {Depth} depth maps but {ControlNet} depth ControlNet; layout is not decoupled from content",
                workspace.Id, dataset.Count, dataset.HasDepth ? "have" : "have no", depthNet is null ? "no" : "a");

        var reported = DateTimeOffset.MinValue;
        var trainer = new SubjectEncoderPretrainer(model, identity)
        {
            DepthControlNet = depthNet,
            OnStep = p => reported = Report(workspace, context, p, reported),
        };
        logger.LogInformation("Pretraining {Work}: {Count} images, {Steps} steps on model {Model}", workspace.Id, dataset.Count, request.Steps, request.ModelId);
        var clock = Stopwatch.StartNew();
        try
        {
            trainer.Run(dataset, trainingOptions, workspace.Root, cancellation);
        }
        catch (ArgumentException e)
        {
            throw new GenerationFailedException($"The pretraining settings do not fit model \"{request.ModelId}\": {e.Message}", e);
        }
        logger.LogInformation("Pretraining {Work}: {Steps} steps done in {Seconds:F1} s", workspace.Id, request.Steps, clock.Elapsed.TotalSeconds);
        return Publish(modelPath, request.OutputName, workspace, identity.Encoder, model);
    }

    private DateTimeOffset Report(PretrainWorkspace workspace, PerformContext? context, TrainingProgress p, DateTimeOffset last)
    {
        var now = _time.GetUtcNow();
        if (p.Step != p.TotalSteps && p.StepsThisSession != 1 && now - last < ProgressInterval) return last;
        logger.LogInformation("Pretraining {Work}: step {Step}/{Total}, loss {Loss:F4}, ~{Remaining:F0} s left",
            workspace.Id, p.Step, p.TotalSteps, p.Loss, p.EstimatedRemaining.TotalSeconds);
        context?.SetJobParameter(IPretrainJobs.ProgressParameter,
            new PretrainProgress(p.Step, p.TotalSteps, p.Loss, p.EstimatedRemaining.TotalSeconds, now));
        return now;
    }

    /// <summary>
    /// Saves into a private folder beside the target, then renames the config and (last) the weights into place, so
    /// a generation never sees a half-written file and the weights only appear once their config is there.
    /// </summary>
    private static string Publish(string modelPath, string outputName, PretrainWorkspace workspace, SubjectEncoder encoder, StableDiffusionModel model)
    {
        var target = Path.Combine(ModelFolderLayout.Folder(modelPath), Path.GetDirectoryName(ModelFolderLayout.SubjectEncoderFile)!);
        var staging = Path.Combine(target, $".{workspace.Id}.partial");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        SubjectEncoderFile.Save(Path.Combine(staging, outputName), encoder, model.Unet);
        File.Move(Path.Combine(staging, SubjectEncoderConfig.FileName), Path.Combine(target, SubjectEncoderConfig.FileName), overwrite: true);
        var output = Path.Combine(target, outputName);
        File.Move(Path.Combine(staging, outputName), output, overwrite: true);
        Directory.Delete(staging, recursive: true);
        return output;
    }
}
