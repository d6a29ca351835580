using System.Diagnostics;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Trains the bundled starter model stage by stage into a Stable Diffusion 1.x diffusers folder (plus controlnet/ and
/// clip/). Each stage checkpoints through <see cref="TrainingLoop"/> in the work folder, so rerunning after a stop
/// continues where it was and ends with the weights an uninterrupted run has; finished stages are skipped.
/// Runs synchronously on the calling thread.
/// </summary>
public sealed class StarterTrainer(StarterTrainingOptions options)
{
    private static readonly IReadOnlyDictionary<StarterStage, IStarterStageBuilder> Builders = new IStarterStageBuilder[]
    {
        new VaeStageBuilder(), new TextUnetStageBuilder(), new ControlNetStageBuilder(), new ClipStageBuilder(),
        new SubjectEncoderStageBuilder(),
        new EvaluatorStageBuilder(),
    }.ToDictionary(b => b.Stage);

    private void Log(string line) => options.Log?.Invoke(line);

    public StarterTrainingResult Run(CancellationToken cancellation = default)
    {
        var wall = Stopwatch.StartNew();
        var outDir = options.OutDir;
        var workDir = options.ResolvedWorkDir;
        Directory.CreateDirectory(outDir);
        Directory.CreateDirectory(workDir);
        var context = PrepareFolder(outDir, workDir);

        var plan = StarterTrainingPlan.TryRead(workDir)
            ?? (options.PlanFile is { } planFile ? StarterTrainingPlan.Read(planFile) : MakePlan(context, cancellation));
        // A resumed run must follow the plan its checkpoints were made under; another run needs another work folder.
        if (plan.Scale != options.Scale || plan.Seed != options.Seed || plan.BudgetMinutes != options.BudgetMinutes)
            throw new CheckpointException($"{workDir} holds the plan of a {plan.Scale} run with seed {plan.Seed} and a {plan.BudgetMinutes} min budget; " +
                $"use another --work folder (or delete it) for {options.Scale}, seed {options.Seed}, {options.BudgetMinutes} min");
        // The saved plan names each stage's schedule, so that --plan with this model's train_plan.json replays it.
        plan = CompletePlan(plan, context, cancellation).WithDefaultSchedule(options.CosineSchedule);
        plan.Save(workDir);
        foreach (var line in plan.Describe()) Log(line);
        var sizes = StarterModelSize.Parameters(context.Architecture, context.Tokenizer);
        Log($"weights: {string.Join(", ", sizes.Select(kv => $"{kv.Key} {kv.Value:N0}"))} parameters = " +
            $"{StarterModelSize.Fp16Bytes(sizes) / 1048576.0:0.00} MiB in fp16 (cap {StarterWeights.MaxTotalBytes / 1048576} MiB)");

        var notDone = new List<string>();
        if (!options.PlanOnly)
        {
            foreach (var stage in options.Stages.Order())
            {
                if (!Builders.ContainsKey(stage))
                {
                    var todo = $"{StarterStages.Name(stage)}: not trained - this build has no trainer for it";
                    Log(todo);
                    notDone.Add(todo);
                    continue;
                }
                RunStage(stage, context, plan.For(stage), workDir, cancellation);
            }
        }
        else
        {
            notDone.Add("training: --plan-only");
        }

        var reports = Builders.Keys.Order().Select(s => StarterStageReport.TryRead(StageDir(workDir, s))).OfType<StarterStageReport>().ToList();
        var result = new StarterTrainingResult(plan, reports, notDone, wall.Elapsed.TotalSeconds);
        if (!options.PlanOnly)
        {
            StarterModelCard.Write(Path.Combine(outDir, StarterModelCard.FileName), options, result);
            plan.SaveAs(Path.Combine(outDir, StarterTrainingPlan.ModelFileName));
        }
        return result;
    }

    /// <summary>Trains one stage (or does nothing when its report says it is finished) and writes its components.</summary>
    public StarterStageReport RunStage(StarterStage stage, StarterTrainingContext context, StarterStagePlan stagePlan, string workDir,
        CancellationToken cancellation)
    {
        stagePlan.Check();
        var dir = StageDir(workDir, stage);
        if (StarterStageReport.TryRead(dir) is { } done && done.Components.All(c => Directory.Exists(Path.Combine(context.OutDir, c))))
        {
            Log($"{StarterStages.Name(stage)}: already trained ({done.Steps} steps), skipped");
            return done;
        }
        foreach (var needed in Requires(stage).Where(c => !Directory.Exists(Path.Combine(context.OutDir, c))))
            throw new CheckpointException($"{StarterStages.Name(stage)} needs {needed}/ in {context.OutDir}: train the earlier stages first (--stage all)");
        Log($"{StarterStages.Name(stage)}: training {stagePlan.Steps} steps{(stagePlan.Average is { } a ? $", {a}" : "")}" +
            $"{(stagePlan.FreezeTextEncoderFrom is { } f ? $", text encoder frozen from step {f}" : "")}");
        using var session = Builders[stage].Open(context with { FreezeTextEncoderFrom = stagePlan.FreezeTextEncoderFrom }, probe: false);
        using var average = stagePlan.Average is { } ap ? new AveragedWeights(session.Trainable, ap.Decay, ap.StartStep) : null;
        var optimizer = optim.AdamW(session.Trainable.Values, lr: session.LearningRate, weight_decay: 1e-2);
        var cosine = stagePlan.CosineLr ?? options.CosineSchedule;
        var clock = Stopwatch.StartNew();
        int stepsThisSession = 0;
        var loop = new TrainingLoop
        {
            Trainable = session.Trainable,
            Optimizer = optimizer,
            Loss = session.Loss,
            TotalSteps = stagePlan.Steps,
            LearningRateAt = cosine ? step => CosineLearningRate.At(step, stagePlan.Steps, session.LearningRate) : null,
            Seed = StageSeed(context.Seed, stage),
            Average = average,
            CheckpointDir = Path.Combine(dir, "checkpoint"),
            CheckpointEvery = options.CheckpointEvery,
            OnStep = p =>
            {
                stepsThisSession = p.StepsThisSession;
                options.OnStep?.Invoke(stage, p);
                if (p.Step == p.TotalSteps || p.Step % Math.Max(1, p.TotalSteps / 20) == 0)
                    Log($"  {StarterStages.Name(stage)} step {p.Step}/{p.TotalSteps} loss {p.Loss:0.0000} eta {p.EstimatedRemaining:hh\\:mm\\:ss}");
            },
        };
        var losses = loop.Run(cancellation);
        var seconds = clock.Elapsed.TotalSeconds;
        average?.CopyToWeights();
        session.Save(context.OutDir);
        var (first, last) = StarterStageReport.Ends(losses);
        var bytes = session.Components.Sum(c => Directory.EnumerateFiles(Path.Combine(context.OutDir, c), "*.safetensors").Sum(f => new FileInfo(f).Length));
        var report = new StarterStageReport(StarterStages.Name(stage), session.Components, stagePlan.Steps, session.BatchSize,
            session.LearningRate, StageSeed(context.Seed, stage), first, last, seconds, stepsThisSession, stagePlan.SecondsPerStep, session.SavedParameters, bytes, cosine, stagePlan.Average);
        report.Save(dir);
        Log($"{StarterStages.Name(stage)}: loss {first:0.0000} -> {last:0.0000}, {seconds:0.0} s, {session.SavedParameters:N0} parameters, {bytes / 1e6:0.00} MB");
        return report;
    }

    /// <summary>Writes tokenizer/, scheduler/ and model_index.json, and returns what the stages share.</summary>
    public StarterTrainingContext PrepareFolder(string outDir, string? workDir)
    {
        var architecture = options.Architecture(options.LatentChannels, options.TokenLengthFor(outDir));
        ClipTokenizer.FromVocabulary(StarterVocabulary.Build(), architecture.TokenLength).Save(Path.Combine(outDir, "tokenizer"));
        RandomModelWriter.WriteScheduler(outDir);
        RandomModelWriter.WriteModelIndex(outDir);
        var world = new StarterWorld(unchecked((ulong)options.Seed));
        return new StarterTrainingContext(architecture, outDir, workDir, options.Seed, new StarterBatches(world, architecture.ImageSize),
            ClipTokenizer.FromFolder(Path.Combine(outDir, "tokenizer")),
            new DiffusionLoss(SchedulerConfig.Read(Path.Combine(outDir, "scheduler", "scheduler_config.json"))) { MinSnrGamma = options.MinSnrGamma })
        {
            SubjectLossWeight = options.SubjectLossWeight,
            VaeSubjectWeight = options.VaeSubjectWeight,
            TextUnetLearningRate = options.TextUnetLearningRate ?? TextUnetStageBuilder.LearningRate,
        };
    }

    private StarterTrainingPlan MakePlan(StarterTrainingContext context, CancellationToken cancellation) =>
        new(options.Scale, options.Seed, options.BudgetMinutes, PlanStages(Builders.Keys.Order().ToList(), context, cancellation));

    /// <summary>
    /// Adds the stages this build can train but the stored plan lacks (a plan made by an older build): each is probed
    /// and gets the steps of its own budget share, as if it had been planned with the others. The stored entries stay
    /// exactly as they were, so their checkpoints and finished stages remain valid.
    /// </summary>
    public StarterTrainingPlan CompletePlan(StarterTrainingPlan plan, StarterTrainingContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var missing = Builders.Keys.Where(stage => plan.Stages.All(s => s.Stage != stage)).Order().ToList();
        if (missing.Count == 0)
            return plan;
        Log($"plan: adding {string.Join(", ", missing.Select(StarterStages.Name))} (the stored plan was made by a build without them)");
        return plan with { Stages = [.. plan.Stages, .. PlanStages(missing, context, cancellation)] };
    }

    /// <summary>Fixed steps when the options say so, otherwise each stage's budget share at its probed step time.</summary>
    private List<StarterStagePlan> PlanStages(IReadOnlyList<StarterStage> stages, StarterTrainingContext context, CancellationToken cancellation)
    {
        if (options.StepsPerStage is { } fixedSteps)
            return stages.Select(s => new StarterStagePlan(s, fixedSteps, context.Architecture.BatchSizeOf(s), 0)).ToList();
        var measured = new Dictionary<StarterStage, (double, int)>();
        foreach (var stage in stages)
        {
            cancellation.ThrowIfCancellationRequested();
            measured[stage] = Probe(stage, context);
            Log($"probe {StarterStages.Name(stage)}: {measured[stage].Item1:0.000} s/step");
        }
        return [.. StarterTrainingPlan.FromBudget(options.Scale, options.Seed, options.BudgetMinutes, measured).Stages];
    }

    /// <summary>Mean time of <see cref="StarterTrainingOptions.ProbeSteps"/> steps after a warm-up step, on random stand-ins.</summary>
    private (double SecondsPerStep, int BatchSize) Probe(StarterStage stage, StarterTrainingContext context)
    {
        using var session = Builders[stage].Open(context, probe: true);
        var optimizer = optim.AdamW(session.Trainable.Values, lr: session.LearningRate);
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        new TrainingLoop
        {
            Trainable = session.Trainable,
            Optimizer = optimizer,
            Loss = session.Loss,
            TotalSteps = 1 + options.ProbeSteps,
            Seed = -1,
            OnStep = p => { times.Add(clock.Elapsed.TotalSeconds); clock.Restart(); },
        }.Run();
        return (times.Skip(1).Average(), session.BatchSize);
    }

    /// <summary>The components a stage reads from the model folder (written by earlier stages).</summary>
    public static IReadOnlyList<string> Requires(StarterStage stage) => stage switch
    {
        StarterStage.TextUnet => ["vae"],
        StarterStage.ControlNet => ["vae", "text_encoder", "unet"],
        StarterStage.SubjectEncoder => ["vae", "text_encoder", "unet", ControlNetStageBuilder.FolderName, "clip"],
        StarterStage.Evaluator => ["vae"],
        _ => [],
    };

    public static string StageDir(string workDir, StarterStage stage) => Path.Combine(workDir, StarterStages.FolderName(stage));

    public static long StageSeed(long seed, StarterStage stage) => seed * 1000 + (int)stage;
}
