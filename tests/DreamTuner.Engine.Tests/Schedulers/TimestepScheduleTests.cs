using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class TimestepScheduleTests
{
    [Fact]
    public void Leading_spacing_adds_steps_offset()
    {
        Assert.Equal([901.0, 801, 701, 601, 501, 401, 301, 201, 101, 1],
            TimestepSchedule.Standard(SchedulerConfig.Leading, 1000, 10, 1));
    }

    [Fact]
    public void Trailing_spacing_ends_one_stride_above_zero_and_starts_at_the_last_training_step()
    {
        Assert.Equal([999.0, 899, 799, 699, 599, 499, 399, 299, 199, 99],
            TimestepSchedule.Standard(SchedulerConfig.Trailing, 1000, 10, 1));
    }

    [Fact]
    public void Linspace_rounds_half_to_even_like_numpy()
    {
        // np.linspace(0, 999, 11) has 499.5 -> 500 (even) and the DPM schedule drops the final 0.
        Assert.Equal([999L, 899, 799, 699, 599, 500, 400, 300, 200, 100],
            TimestepSchedule.DpmSolver(SchedulerConfig.Linspace, 1000, 10, 1));
        Assert.Equal(2.0, NumpyMath.Round(2.5));
        Assert.Equal(4.0, NumpyMath.Round(3.5));
    }

    [Theory]
    [InlineData(10, 1.0, 0)]
    [InlineData(10, 0.5, 5)]
    [InlineData(10, 0.75, 3)]
    [InlineData(50, 0.3, 35)]
    public void Img2img_start_follows_diffusers_get_timesteps(int steps, double strength, int start) =>
        Assert.Equal(start, TimestepSchedule.Img2ImgStart(steps, strength));

    [Fact]
    public void Img2img_strength_that_keeps_no_step_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TimestepSchedule.Img2ImgStart(10, 0.05));
}
