using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class DeterministicTrigTests
{
    [Fact]
    public void Sine_and_cosine_of_whole_degrees_match_the_platform_to_1e_14()
    {
        for (var d = -720; d <= 720; d++)
        {
            Assert.Equal(Math.Sin(d * Math.PI / 180), DeterministicTrig.SinDegrees(d), 1e-14);
            Assert.Equal(Math.Cos(d * Math.PI / 180), DeterministicTrig.CosDegrees(d), 1e-14);
        }
    }
}
