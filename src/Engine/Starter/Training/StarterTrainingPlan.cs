using System.Text.Json;
using System.Text.Json.Serialization;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// How many steps each stage trains. Made once from the budget and step times measured on this machine, then stored
/// in the work folder: a resumed run must train exactly the steps the interrupted one planned, whatever the machine's
/// load is now.
/// </summary>
public sealed record StarterTrainingPlan(StarterScale Scale, long Seed, double BudgetMinutes, IReadOnlyList<StarterStagePlan> Stages)
{
    public const string FileName = "plan.json";

    /// <summary>
    /// The plan a model was trained with, written beside its weights: <c>train-starter --plan</c> takes it back, so a
    /// model card's command reproduces the model's steps on any machine instead of re-probing this one's speed.
    /// </summary>
    public const string ModelFileName = "train_plan.json";

    /// <summary>
    /// Share of the budget per stage: the split the shipped model was trained with (sessions 8 and 11, times measured
    /// on 2 cores). The VAE got 3x its earlier steps in session 8: every generated image leaves through its decoder, and
    /// the longer-trained VAE keeps the sprites' colours (round trips read body colour 93 % instead of 82 %). The
    /// text+unet stage gets almost three quarters (14000 steps, the last 2/7 kept as a weight average, see
    /// <see cref="TextUnetStageBuilder.AverageDecay"/>), because SpriteBench's quality bar rises with its steps and with
    /// nothing else measured: 0.675, 0.729 and 0.767 after 12000, 14000 and 16000 steps on the same 96 images. The
    /// ControlNet and subject-encoder losses stay flat over their stages, so they get 2 % each. The evaluator is not part
    /// of the model (it is SpriteBench's judge): it trains a fixed <see cref="EvaluatorStageBuilder.Steps"/> on the
    /// cosine schedule outside the budget.
    /// </summary>
    public static IReadOnlyDictionary<StarterStage, double> BudgetShare { get; } = new Dictionary<StarterStage, double>
    {
        [StarterStage.Vae] = 0.15,
        [StarterStage.TextUnet] = 0.745,
        [StarterStage.ControlNet] = 0.02,
        [StarterStage.Clip] = 0.065,
        [StarterStage.SubjectEncoder] = 0.02,
    };

    /// <summary>Part of the budget left for probes, saving and the model card.</summary>
    public const double Overhead = 0.05;

    private static readonly JsonSerializerOptions Json = new(ConfigFile.Json) { Converters = { new JsonStringEnumConverter() } };

    public double EstimatedSeconds => Stages.Sum(s => s.EstimatedSeconds);

    public StarterStagePlan For(StarterStage stage) =>
        Stages.FirstOrDefault(s => s.Stage == stage) ?? throw new InvalidOperationException($"the plan has no {StarterStages.Name(stage)} stage");

    /// <summary>Steps that fill each stage's share of the budget at its measured step time (at least one).</summary>
    public static StarterTrainingPlan FromBudget(StarterScale scale, long seed, double budgetMinutes,
        IReadOnlyDictionary<StarterStage, (double SecondsPerStep, int BatchSize)> measured)
    {
        var stages = measured.Select(kv => BudgetShare.TryGetValue(kv.Key, out var share)
            ? WithStageAverage(new StarterStagePlan(kv.Key, Math.Max(1, (int)(budgetMinutes * 60 * (1 - Overhead) * share / kv.Value.SecondsPerStep)),
                kv.Value.BatchSize, kv.Value.SecondsPerStep))
            : new StarterStagePlan(kv.Key, EvaluatorStageBuilder.Steps(scale), kv.Value.BatchSize, kv.Value.SecondsPerStep,
                EvaluatorStageBuilder.CosineLr)).OrderBy(s => s.Stage).ToList();
        return new StarterTrainingPlan(scale, seed, budgetMinutes, stages);
    }

    /// <summary>The text+unet stage keeps a weight average over its last <see cref="TextUnetStageBuilder.AverageShare"/> of steps.</summary>
    private static StarterStagePlan WithStageAverage(StarterStagePlan stage) =>
        stage.Stage == StarterStage.TextUnet && stage.Steps > 1
            ? stage with { Average = new WeightAveragePlan(TextUnetStageBuilder.AverageDecay,
                stage.Steps - Math.Max(1, (int)(stage.Steps * TextUnetStageBuilder.AverageShare))) }
            : stage;

    /// <summary>This plan with every stage that does not name its schedule given <paramref name="cosine"/> (the command line's).</summary>
    public StarterTrainingPlan WithDefaultSchedule(bool cosine) =>
        this with { Stages = Stages.Select(s => s.CosineLr is null ? s with { CosineLr = cosine } : s).ToList() };

    public void Save(string workDir) => SaveAs(Path.Combine(workDir, FileName));

    public void SaveAs(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    public static StarterTrainingPlan? TryRead(string workDir)
    {
        var path = Path.Combine(workDir, FileName);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>A plan file (<see cref="FileName"/> of a work folder or <see cref="ModelFileName"/> of a model).</summary>
    public static StarterTrainingPlan Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<StarterTrainingPlan>(File.ReadAllText(path), Json)
                ?? throw new CheckpointException($"{path} holds no training plan");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path} is not a training plan: {e.Message}");
        }
    }

    public IEnumerable<string> Describe()
    {
        yield return $"plan ({Scale.ToString().ToLowerInvariant()}, seed {Seed}, budget {BudgetMinutes:0.#} min):";
        foreach (var s in Stages)
            yield return $"  {StarterStages.Name(s.Stage),-12} {s.Steps,7} steps x batch {s.BatchSize,-3} at {s.SecondsPerStep:0.000} s/step = {s.EstimatedSeconds / 60:0.0} min{(s.CosineLr == true ? ", cosine lr" : "")}{(s.Average is { } a ? $", {a}" : "")}{(s.FreezeTextEncoderFrom is { } f ? $", text encoder frozen from step {f}" : "")}";
        yield return $"  total training estimate: {EstimatedSeconds / 60:0.0} min";
    }
}
