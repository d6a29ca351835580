using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;

namespace DreamTuner.Engine.Tests.Support;

/// <summary>Loads the reference set's tiny diffusers model (tests/data/reference/tiny-sd15) through the user's path.</summary>
public static class TinyModel
{
    public static StableDiffusionModel Load(bool withControlNet = false) =>
        ModelLoader.Load(TestPaths.TinySd15, DeviceSpec.Cpu,
            controlNetDir: withControlNet ? Path.Combine(TestPaths.TinySd15, "controlnet") : null);

    /// <summary>A txt2img request shaped like the reference runs: 64x64, guidance 7.5, the reference's initial latents.</summary>
    public static GenerationRequest ReferenceRequest(string caseName)
    {
        var run = Reference.InputsJson.GetProperty("txt2img").GetProperty(caseName);
        return new GenerationRequest
        {
            Prompt = run.GetProperty("prompt").GetString()!,
            NegativePrompt = run.GetProperty("negative_prompt").GetString()!,
            Scheduler = run.GetProperty("scheduler").GetString()!,
            Steps = run.GetProperty("num_inference_steps").GetInt32(),
            GuidanceScale = run.GetProperty("guidance_scale").GetDouble(),
            Width = run.GetProperty("width").GetInt32(),
            Height = run.GetProperty("height").GetInt32(),
            InitialNoise = Reference.Input("txt2img.latents"),
        };
    }
}
