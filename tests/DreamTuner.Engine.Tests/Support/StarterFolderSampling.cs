using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;

namespace DreamTuner.Engine.Tests.Support;

/// <summary>Loads a trained starter folder through the code a user's model takes and checks that it samples an image.</summary>
public static class StarterFolderSampling
{
    public static void AssertSamplesAnImage(string modelFolder)
    {
        using var loaded = ModelLoader.Load(modelFolder, DeviceSpec.Cpu);
        using var result = new StableDiffusionPipeline(loaded).Generate(new GenerationRequest
        {
            Prompt = "a red round creature, in the snow", Steps = 2, Scheduler = "ddim", Width = 64, Height = 64,
        });
        Assert.Equal([1L, 3, 64, 64], result.Images.shape);
        Assert.False(result.Images.isnan().any().item<bool>());
    }
}
