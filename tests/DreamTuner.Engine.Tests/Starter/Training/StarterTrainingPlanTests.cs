using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Starter.Training;

public sealed class StarterTrainingPlanTests
{
    private static readonly IReadOnlyDictionary<StarterStage, (double, int)> Measured = new Dictionary<StarterStage, (double, int)>
    {
        [StarterStage.Vae] = (0.125, 8),
        [StarterStage.TextUnet] = (0.3, 16),
        [StarterStage.ControlNet] = (0.27, 16),
        [StarterStage.Clip] = (0.45, 64),
        [StarterStage.SubjectEncoder] = (0.2, 12),
        [StarterStage.Evaluator] = (0.2, 32),
    };

    [Fact]
    public void A_budget_plan_gives_the_evaluator_its_fixed_cosine_recipe_and_leaves_the_model_stages_schedule_to_the_flag()
    {
        var plan = StarterTrainingPlan.FromBudget(StarterScale.Full, 0, 90, Measured);

        var evaluator = plan.For(StarterStage.Evaluator);
        Assert.Equal(EvaluatorStageBuilder.Steps(StarterScale.Full), evaluator.Steps);
        Assert.True(evaluator.CosineLr);
        Assert.All(plan.Stages.Where(s => s.Stage != StarterStage.Evaluator), s => Assert.Null(s.CosineLr));
        Assert.All(plan.WithDefaultSchedule(cosine: false).Stages.Where(s => s.Stage != StarterStage.Evaluator), s => Assert.False(s.CosineLr));
        Assert.True(plan.WithDefaultSchedule(cosine: false).For(StarterStage.Evaluator).CosineLr);
    }

    [Fact]
    public void A_budget_plan_averages_the_last_two_sevenths_of_the_text_unet_stage_and_no_other_stage()
    {
        var plan = StarterTrainingPlan.FromBudget(StarterScale.Full, 0, 90, Measured);

        var textUnet = plan.For(StarterStage.TextUnet);
        Assert.Equal(TextUnetStageBuilder.AverageDecay, textUnet.Average!.Decay);
        Assert.InRange(textUnet.Average.StartStep, textUnet.Steps - textUnet.Steps * 2 / 7 - 1, textUnet.Steps - textUnet.Steps * 2 / 7);
        Assert.All(plan.Stages.Where(s => s.Stage != StarterStage.TextUnet), s => Assert.Null(s.Average));
        Assert.Equal(1.0, StarterTrainingPlan.BudgetShare.Values.Sum(), 9);
    }

    [Fact]
    public void A_plan_file_keeps_each_stages_schedule_and_an_old_file_without_one_reads_as_open()
    {
        var dir = TestPaths.NewTempDir("starter-plan-file");
        try
        {
            var plan = StarterTrainingPlan.FromBudget(StarterScale.Full, 0, 90, Measured).WithDefaultSchedule(cosine: true);
            plan.Save(dir);
            Assert.Equal(plan.Stages, StarterTrainingPlan.TryRead(dir)!.Stages);

            var old = Path.Combine(dir, "old.json");
            File.WriteAllText(old, """
                { "scale": "Full", "seed": 0, "budget_minutes": 90,
                  "stages": [ { "stage": "Vae", "steps": 6500, "batch_size": 8, "seconds_per_step": 0.235 } ] }
                """);
            Assert.Null(StarterTrainingPlan.Read(old).For(StarterStage.Vae).CosineLr);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_plan_file_names_a_stages_weight_average_by_decay_and_start_step_and_its_text_encoder_freeze()
    {
        var dir = TestPaths.NewTempDir("starter-plan-average");
        try
        {
            var path = Path.Combine(dir, "plan.json");
            File.WriteAllText(path, """
                { "scale": "Full", "seed": 0, "budget_minutes": 90,
                  "stages": [ { "stage": "TextUnet", "steps": 12000, "batch_size": 16, "seconds_per_step": 0.3,
                                "average": { "decay": 0.999, "start_step": 10000 }, "freeze_text_encoder_from": 6000 },
                              { "stage": "Vae", "steps": 6500, "batch_size": 8, "seconds_per_step": 0.235 } ] }
                """);
            var plan = StarterTrainingPlan.Read(path);
            Assert.Equal(new WeightAveragePlan(0.999, 10000), plan.For(StarterStage.TextUnet).Average);
            Assert.Null(plan.For(StarterStage.Vae).Average);
            Assert.Equal(6000, plan.For(StarterStage.TextUnet).FreezeTextEncoderFrom);
            Assert.Null(plan.For(StarterStage.Vae).FreezeTextEncoderFrom);
            Assert.Contains(plan.Describe(), line => line.Contains("weight average 0.999 from step 10000, text encoder frozen from step 6000"));

            plan.Save(dir);
            Assert.Equal(plan.Stages, StarterTrainingPlan.TryRead(dir)!.Stages);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
