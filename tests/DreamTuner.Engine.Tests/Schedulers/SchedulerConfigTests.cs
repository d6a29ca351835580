using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class SchedulerConfigTests
{
    [Fact]
    public void Reads_the_SD15_scheduler_config_with_snake_case_names()
    {
        var config = SchedulerTestData.Sd15;
        Assert.Equal("PNDMScheduler", config.ClassName);
        Assert.Equal(1000, config.NumTrainTimesteps);
        Assert.Equal(0.00085, config.BetaStart);
        Assert.Equal(0.012, config.BetaEnd);
        Assert.Equal(SchedulerConfig.ScaledLinear, config.BetaSchedule);
        Assert.Equal(1, config.StepsOffset);
        Assert.False(config.SetAlphaToOne);
        Assert.True(config.SkipPrkSteps);
        Assert.False(config.ClipSample);
        Assert.Null(config.TrainedBetas);
        Assert.Null(config.TimestepSpacing);
    }

    [Theory]
    [InlineData(SchedulerFactory.Pndm, SchedulerConfig.Leading)]
    [InlineData(SchedulerFactory.Ddim, SchedulerConfig.Leading)]
    [InlineData(SchedulerFactory.Euler, SchedulerConfig.Linspace)]
    [InlineData(SchedulerFactory.EulerAncestral, SchedulerConfig.Linspace)]
    [InlineData(SchedulerFactory.DpmPlusPlus2M, SchedulerConfig.Linspace)]
    [InlineData(SchedulerFactory.DpmPlusPlus2MKarras, SchedulerConfig.Linspace)]
    public void Factory_applies_the_class_default_timestep_spacing_when_the_file_lacks_it(string name, string spacing)
    {
        using var scheduler = SchedulerFactory.Create(name, SchedulerTestData.Sd15);
        Assert.Equal(spacing, scheduler.Config.TimestepSpacing);
    }

    [Fact]
    public void Factory_keeps_an_explicit_timestep_spacing()
    {
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.Euler, SchedulerTestData.Sd15 with { TimestepSpacing = SchedulerConfig.Trailing });
        Assert.Equal(SchedulerConfig.Trailing, scheduler.Config.TimestepSpacing);
    }

    [Fact]
    public void Factory_rejects_an_unknown_name_listing_the_valid_names()
    {
        var e = Assert.Throws<ArgumentException>(() => SchedulerFactory.Create("heun", SchedulerTestData.Sd15));
        foreach (var name in SchedulerFactory.Names)
            Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Karras_is_chosen_by_the_DPM_name()
    {
        using var plain = SchedulerFactory.Create(SchedulerFactory.DpmPlusPlus2M, SchedulerTestData.Sd15 with { UseKarrasSigmas = true });
        using var karras = SchedulerFactory.Create(SchedulerFactory.DpmPlusPlus2MKarras, SchedulerTestData.Sd15);
        Assert.False(plain.Config.UseKarrasSigmas);
        Assert.True(karras.Config.UseKarrasSigmas);
    }

    [Theory]
    [InlineData("beta_schedule")]
    [InlineData("prediction_type")]
    [InlineData("timestep_spacing")]
    [InlineData("trained_betas")]
    public void Validate_names_the_bad_setting(string key)
    {
        var config = key switch
        {
            "beta_schedule" => new SchedulerConfig { BetaSchedule = "sigmoid" },
            "prediction_type" => new SchedulerConfig { PredictionType = "flow" },
            "timestep_spacing" => new SchedulerConfig { TimestepSpacing = "uniform" },
            _ => new SchedulerConfig { TrainedBetas = [0.1, 0.2] },
        };
        var e = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void Reading_an_invalid_file_reports_the_path()
    {
        var dir = Support.TestPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "scheduler_config.json");
            File.WriteAllText(path, """{"beta_schedule": "sigmoid"}""");
            var e = Assert.Throws<CheckpointException>(() => SchedulerConfig.Read(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("beta_schedule", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Scaled_linear_betas_are_linear_in_their_square_root()
    {
        var betas = NoiseSchedule.Betas(SchedulerTestData.Sd15);
        Assert.Equal(1000, betas.Length);
        Assert.Equal(0.00085, betas[0], 6);
        Assert.Equal(0.012, betas[^1], 6);
        Assert.Equal((Math.Sqrt(0.00085) + Math.Sqrt(0.012)) / 2, Math.Sqrt((betas[499] + betas[500]) / 2.0), 3);
    }
}
