using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// A Stable Diffusion 1.x model in diffusers' folder layout (<c>model_index.json</c> plus unet/, vae/,
/// text_encoder/, tokenizer/, scheduler/). Every required file is checked up front so that a wrong folder
/// fails with one message naming what is missing, before any tensor is allocated.
/// </summary>
public static class DiffusersPipelineFolder
{
    public static readonly IReadOnlyList<string> RequiredFiles =
    [
        "unet/config.json", "vae/config.json", "text_encoder/config.json",
        "tokenizer/vocab.json", "tokenizer/merges.txt", "scheduler/scheduler_config.json",
    ];

    public static bool Looks(string dir) =>
        Directory.Exists(dir) && (File.Exists(Path.Combine(dir, "model_index.json")) || Directory.Exists(Path.Combine(dir, "unet")));

    /// <summary>Throws a <see cref="CheckpointException"/> naming the first missing file.</summary>
    public static void CheckComplete(string dir)
    {
        if (!Directory.Exists(dir))
            throw new CheckpointException($"Model folder not found: {dir}");
        foreach (var rel in RequiredFiles)
        {
            if (!File.Exists(Path.Combine(dir, rel)))
                throw new CheckpointException($"{dir} is not a complete diffusers model: missing {rel}");
        }
        foreach (var sub in new[] { "unet", "vae" })
        {
            if (!File.Exists(DiffusersFolder.WeightsPath(Path.Combine(dir, sub))))
                throw new CheckpointException($"{dir} is not a complete diffusers model: missing {sub}/{DiffusersFolder.WeightsFileName}");
        }
    }

    public static StableDiffusionModel Load(string dir, DeviceSpec device)
    {
        CheckComplete(dir);
        var tokenizer = ClipTokenizer.FromFolder(Path.Combine(dir, "tokenizer"));
        var scheduler = SchedulerConfig.Read(Path.Combine(dir, "scheduler", "scheduler_config.json"));
        var text = ClipTextModel.FromFolder(Path.Combine(dir, "text_encoder"), device.Device, device.DType);
        text.PairWith(tokenizer, dir);
        var unet = UNet2DConditionModel.FromFolder(Path.Combine(dir, "unet"), device.Device, device.DType);
        var vae = AutoencoderKL.FromFolder(Path.Combine(dir, "vae"), device.Device, device.DType);
        return new StableDiffusionModel
        {
            Name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))),
            Hash = ModelHash.AutoV2(dir),
            Tokenizer = tokenizer,
            TextEncoder = text,
            Unet = unet,
            Vae = vae,
            SchedulerConfig = scheduler,
            Device = device,
        };
    }
}
