using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Starter.Training;

// Building the modules draws from the global generator, which the collection's run-to-run comparisons must have alone.
[Collection(GlobalRngCollection.Name)]
public sealed class StarterModelSizeTests
{
    [Fact]
    public void The_full_scale_weights_fit_the_40_MB_cap_in_fp16()
    {
        var dir = TestPaths.NewTempDir("starter-size");
        try
        {
            StarterVocabulary.Build().Save(dir);
            var parameters = StarterModelSize.Parameters(StarterArchitecture.Full, ClipTokenizer.FromFolder(dir));

            var bytes = StarterModelSize.Fp16Bytes(parameters);

            Assert.True(bytes <= StarterWeights.MaxTotalBytes,
                $"{bytes:N0} bytes > cap: {string.Join(", ", parameters.Select(kv => $"{kv.Key} {kv.Value:N0}"))}");
            // Every shipped component is counted (a missing one would make the cap check meaningless).
            Assert.Equal(["clip", "controlnet-pose", "image_encoder", "subject_encoder", "text_encoder", "unet", "vae"], parameters.Keys.Order());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
