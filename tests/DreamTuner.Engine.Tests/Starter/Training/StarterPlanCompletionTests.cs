using DreamTuner.Engine.Checkpoints;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training;
using TorchSharp;

namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary>A work folder planned by a build without the subject-encoder stage, continued by this build.</summary>
[Collection(GlobalRngCollection.Name)]
public sealed class StarterPlanCompletionTests : IDisposable
{
    private const long Seed = 3;
    private static readonly StarterStage[] OldStages = [StarterStage.Vae, StarterStage.TextUnet, StarterStage.ControlNet, StarterStage.Clip];
    private readonly string _dir = TestPaths.NewTempDir("starter-plan");

    public void Dispose() => Directory.Delete(_dir, true);

    private string WorkDir => Path.Combine(_dir, "work");

    private StarterTrainingOptions Options(int? stepsPerStage, bool planOnly = false, IReadOnlyList<StarterStage>? stages = null,
        Action<StarterStage, TrainingProgress>? onStep = null, string? planFile = null) => new()
        {
            PlanFile = planFile,
            OutDir = Path.Combine(_dir, "model"),
            WorkDir = WorkDir,
            Scale = StarterScale.Tiny,
            Seed = Seed,
            StepsPerStage = stepsPerStage,
            PlanOnly = planOnly,
            ProbeSteps = 1,
            Stages = stages ?? StarterStages.Parse("all"),
            OnStep = onStep,
        };

    /// <summary>A model's train_plan.json at the tiny scale: every stage, given step times, schedules as asked.</summary>
    private static StarterTrainingPlan ModelPlan(int vaeSteps, bool? vaeCosine = null, bool? textUnetCosine = null,
        int textUnetSteps = 2, WeightAveragePlan? textUnetAverage = null, int? textUnetFreeze = null) =>
        new(StarterScale.Tiny, Seed, 90,
        [
            new(StarterStage.Vae, vaeSteps, 2, 0.125, vaeCosine),
            new(StarterStage.TextUnet, textUnetSteps, 2, 0.28, textUnetCosine, textUnetAverage, textUnetFreeze),
            new(StarterStage.ControlNet, 1, 2, 0.3),
            new(StarterStage.Clip, 1, 4, 0.45),
            new(StarterStage.SubjectEncoder, 1, 2, 0.2),
            new(StarterStage.Evaluator, 1, 8, 0.4),
        ]);

    [Fact]
    public void A_stored_plan_without_the_subject_encoder_keeps_its_entries_and_gets_the_stage_from_its_budget_share()
    {
        var old = new StarterTrainingPlan(StarterScale.Tiny, Seed, 90,
        [
            new(StarterStage.Vae, 2167, 2, 0.284),
            new(StarterStage.TextUnet, 4600, 2, 0.5575435),
            new(StarterStage.ControlNet, 1635, 2, 0.4390722),
            new(StarterStage.Clip, 1264, 4, 0.4058105),
        ]);
        old.Save(WorkDir);

        new StarterTrainer(Options(stepsPerStage: null, planOnly: true)).Run();

        var plan = StarterTrainingPlan.TryRead(WorkDir)!;
        // Kept as they were, only naming the schedule they train with (the command line's: constant).
        Assert.Equal(old.WithDefaultSchedule(cosine: false).Stages, plan.Stages.Take(old.Stages.Count));
        var added = plan.Stages.Single(s => s.Stage == StarterStage.SubjectEncoder);
        Assert.True(added.SecondsPerStep > 0, "the new stage was not probed");
        Assert.Equal(StarterArchitecture.Tiny.BatchSizeOf(StarterStage.SubjectEncoder), added.BatchSize);
        // The steps its share of the same budget buys at the probed speed, as a fresh plan would have given it.
        Assert.Equal(Math.Max(1, (int)(90 * 60 * (1 - StarterTrainingPlan.Overhead) * StarterTrainingPlan.BudgetShare[StarterStage.SubjectEncoder]
            / added.SecondsPerStep)), added.Steps);
    }

    [Fact]
    public void Rerunning_a_finished_old_run_trains_only_the_new_stage_with_the_fixed_steps()
    {
        new StarterTrainer(Options(stepsPerStage: 2, stages: OldStages)).Run();
        // What an older build left behind: the same run's plan without the stages it could not train.
        var full = StarterTrainingPlan.TryRead(WorkDir)!;
        var old = full with { Stages = full.Stages.Where(s => OldStages.Contains(s.Stage)).ToList() };
        old.Save(WorkDir);
        var trained = new List<(StarterStage Stage, int Step)>();

        var result = new StarterTrainer(Options(stepsPerStage: 2, onStep: (stage, p) => trained.Add((stage, p.Step)))).Run();

        Assert.DoesNotContain(trained, t => OldStages.Contains(t.Stage));
        Assert.Equal([1, 2], trained.Where(t => t.Stage == StarterStage.SubjectEncoder).Select(t => t.Step));
        var plan = StarterTrainingPlan.TryRead(WorkDir)!;
        Assert.Equal(old.Stages, plan.Stages.Take(old.Stages.Count));
        Assert.Equal(2, plan.For(StarterStage.SubjectEncoder).Steps);
        Assert.True(ModelFolderLayout.HasCoarseIdentity(Path.Combine(_dir, "model")));
        Assert.Contains(result.Reports, r => r.Stage == StarterStages.Name(StarterStage.SubjectEncoder));
    }

    [Fact]
    public void A_models_train_plan_trains_its_steps_without_probing_and_is_written_beside_the_new_model()
    {
        var given = ModelPlan(vaeSteps: 3);
        var file = Path.Combine(_dir, "from-a-model", StarterTrainingPlan.ModelFileName);
        given.SaveAs(file);
        var trained = new List<(StarterStage Stage, int Step)>();

        new StarterTrainer(Options(stepsPerStage: null, stages: [StarterStage.Vae, StarterStage.TextUnet], planFile: file,
            onStep: (stage, p) => trained.Add((stage, p.Step)))).Run();

        Assert.Equal([1, 2, 3], trained.Where(t => t.Stage == StarterStage.Vae).Select(t => t.Step));
        Assert.Equal([1, 2], trained.Where(t => t.Stage == StarterStage.TextUnet).Select(t => t.Step));
        // Probing would have replaced the given step times with measured ones.
        var expected = given.WithDefaultSchedule(cosine: false).Stages;
        Assert.Equal(expected, StarterTrainingPlan.TryRead(WorkDir)!.Stages);
        Assert.Equal(expected, StarterTrainingPlan.Read(Path.Combine(_dir, "model", StarterTrainingPlan.ModelFileName)).Stages);
    }

    [Fact]
    public void A_plan_naming_each_stages_schedule_trains_it_so_whatever_the_flag_says_and_the_card_tells_them_apart()
    {
        var given = ModelPlan(vaeSteps: 1, vaeCosine: false, textUnetCosine: true);
        var file = Path.Combine(_dir, "from-a-model", StarterTrainingPlan.ModelFileName);
        given.SaveAs(file);

        var result = new StarterTrainer(Options(stepsPerStage: null, stages: [StarterStage.Vae, StarterStage.TextUnet], planFile: file)).Run();

        Assert.False(result.Reports.Single(r => r.Stage == StarterStages.Name(StarterStage.Vae)).CosineLr);
        Assert.True(result.Reports.Single(r => r.Stage == StarterStages.Name(StarterStage.TextUnet)).CosineLr);
        var card = File.ReadAllText(Path.Combine(_dir, "model", StarterModelCard.FileName));
        Assert.Contains("| 0.0003 cosine |", card, StringComparison.Ordinal);
        Assert.Contains("Stages whose lr says cosine", card, StringComparison.Ordinal);
        var modelMinutes = result.Reports.Sum(r => r.SecondsLastSession) / 60;
        Assert.Contains(FormattableString.Invariant($"training time of the model's stages {modelMinutes:0.0} min (budget 90), plus 0.0 min for the evaluator"),
            card, StringComparison.Ordinal);
        // Stages the plan left open take the flag (off), and the model's copy of the plan says so.
        var saved = StarterTrainingPlan.Read(Path.Combine(_dir, "model", StarterTrainingPlan.ModelFileName));
        Assert.Equal(false, saved.For(StarterStage.ControlNet).CosineLr);
        Assert.Equal(true, saved.For(StarterStage.TextUnet).CosineLr);
    }

    [Fact]
    public void A_stage_planned_with_a_weight_average_saves_the_average_not_its_last_weights_and_the_card_says_so()
    {
        var given = ModelPlan(vaeSteps: 1, textUnetSteps: 4, textUnetAverage: new WeightAveragePlan(0.5, 2), textUnetFreeze: 2);
        var file = Path.Combine(_dir, "from-a-model", StarterTrainingPlan.ModelFileName);
        given.SaveAs(file);

        var result = new StarterTrainer(Options(stepsPerStage: null, stages: [StarterStage.Vae, StarterStage.TextUnet], planFile: file)).Run();

        Assert.Equal(new WeightAveragePlan(0.5, 2), result.Reports.Single(r => r.Stage == StarterStages.Name(StarterStage.TextUnet)).Average);
        var checkpoint = Path.Combine(StarterTrainer.StageDir(WorkDir, StarterStage.TextUnet), "checkpoint");
        var last = StateDict.Read(Path.Combine(checkpoint, TrainingCheckpoint.WeightsFile));
        var average = StateDict.Read(Path.Combine(checkpoint, TrainingCheckpoint.AverageFile));
        var saved = StateDict.Read(Path.Combine(_dir, "model", "unet", DiffusersFolder.WeightsFileName));
        try
        {
            foreach (var (name, tensor) in saved)
                Assert.True(tensor.to(torch.ScalarType.Float32).equal(average["unet." + name].to(torch.ScalarType.Float16).to(torch.ScalarType.Float32)).all().item<bool>(),
                    $"the saved {name} is not the average");
            Assert.Contains(saved.Keys, name => !last["unet." + name].equal(average["unet." + name]).all().item<bool>());
        }
        finally
        {
            foreach (var t in saved.Values.Concat(last.Values).Concat(average.Values)) t.Dispose();
        }
        var card = File.ReadAllText(Path.Combine(_dir, "model", StarterModelCard.FileName));
        Assert.Contains("| 0.0003, EMA 0.5 from 2 |", card, StringComparison.Ordinal);
        Assert.Contains("The text encoder learns until step 2; from there it is frozen", card, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weight_average_starting_after_the_stages_last_step_is_refused_before_training()
    {
        var file = Path.Combine(_dir, "from-a-model", StarterTrainingPlan.ModelFileName);
        ModelPlan(vaeSteps: 1, textUnetSteps: 2, textUnetAverage: new WeightAveragePlan(0.9, 2)).SaveAs(file);
        var trained = new List<StarterStage>();

        var error = Assert.Throws<CheckpointException>(() => new StarterTrainer(Options(stepsPerStage: null,
            stages: [StarterStage.Vae, StarterStage.TextUnet], planFile: file, onStep: (stage, _) => trained.Add(stage))).Run());

        Assert.Contains("starts at step 2", error.Message);
        Assert.DoesNotContain(StarterStage.TextUnet, trained);
    }

    [Fact]
    public void A_plan_file_that_is_not_a_plan_is_refused_naming_the_file()
    {
        var file = Path.Combine(_dir, "notes.json");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(file, "{ \"stages\": 12 }");

        var error = Assert.Throws<CheckpointException>(() => new StarterTrainer(Options(stepsPerStage: null, planFile: file)).Run());

        Assert.Contains("notes.json is not a training plan", error.Message, StringComparison.Ordinal);
    }
}
