using DreamTuner.Engine.Imaging;

namespace DreamTuner.Engine.Tests.Imaging;

public class A1111SamplerNamesTests
{
    [Theory]
    [InlineData("pndm", "PLMS")]
    [InlineData("ddim", "DDIM")]
    [InlineData("dpmpp-2m", "DPM++ 2M")]
    [InlineData("dpmpp-2m-karras", "DPM++ 2M Karras")]
    [InlineData("euler", "Euler")]
    [InlineData("euler-a", "Euler a")]
    public void Our_schedulers_map_to_automatic1111_sampler_names_and_back(string scheduler, string sampler)
    {
        Assert.Equal(sampler, A1111SamplerNames.FromScheduler(scheduler));
        Assert.Equal(scheduler, A1111SamplerNames.ToScheduler(sampler));
    }

    [Fact]
    public void Newer_automatic1111_schedule_type_field_is_folded_into_the_sampler()
    {
        Assert.Equal("dpmpp-2m-karras", A1111SamplerNames.ToScheduler("DPM++ 2M", "Karras"));
        Assert.Equal("dpmpp-2m", A1111SamplerNames.ToScheduler("DPM++ 2M", "Automatic"));
        Assert.Equal("dpmpp-2m-karras", A1111SamplerNames.ToScheduler("DPM++ 2M Karras", "Karras"));
    }

    [Fact]
    public void Scheduler_without_an_automatic1111_name_keeps_its_own()
    {
        Assert.Null(A1111SamplerNames.TryFromScheduler("lcm"));
        Assert.Equal("lcm", A1111SamplerNames.FromScheduler("lcm"));
        Assert.Null(A1111SamplerNames.ToScheduler("UniPC"));
    }
}
