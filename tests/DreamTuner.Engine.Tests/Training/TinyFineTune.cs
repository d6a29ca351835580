using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Tests.DreamTuner;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

/// <summary>Fine-tuning runs small enough for tests: the reference set's tiny SD 1.5, 32 px, two regular images.</summary>
public static class TinyFineTune
{
    public static StableDiffusionModel Load() => ModelLoader.Load(TestPaths.TinySd15, DeviceSpec.Cpu);

    public static SubjectFineTuneOptions Options(FineTuneMode mode = FineTuneMode.Lora, int steps = 3) => new()
    {
        Mode = mode,
        Steps = steps,
        RegularImages = 2,
        RegularImageSteps = 2,
        Resolution = TinyDreamTuner.Size,
        CheckpointEvery = 3,
        ValidationSteps = 2,
        Seed = 11,
        // Large enough that a few steps move every trained tensor visibly.
        LearningRate = mode == FineTuneMode.Lora ? 1e-2 : 1e-3,
    };

    public static SubjectFineTuneRequest Request(string workDir, SubjectFineTuneOptions options, string token = "<mira>", Tensor? mask = null,
        bool noMask = false) => new()
    {
        Reference = TinyDreamTuner.Reference(mask: noMask ? null : mask ?? TinyDreamTuner.CentreMask()),
        ClassWord = "dog",
        Caption = "a photo of a brown dog on grass",
        Token = token,
        Options = options,
        WorkDir = workDir,
    };

    /// <summary>A small fixed-seed text-to-image run, the way a user would prompt a loaded character.</summary>
    public static GenerationResult Generate(StableDiffusionModel model, string prompt) =>
        new StableDiffusionPipeline(model).Generate(new GenerationRequest
        {
            Prompt = prompt,
            Steps = 2,
            Seed = 5,
            Width = TinyDreamTuner.Size,
            Height = TinyDreamTuner.Size,
            GuidanceScale = 5,
        });

    public static Dictionary<string, Tensor> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
}
