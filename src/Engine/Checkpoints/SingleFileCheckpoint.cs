using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// A single-file original-layout (CompVis/LDM) Stable Diffusion 1.x checkpoint (<c>.safetensors</c>). Its keys are
/// converted by <see cref="LdmKeyConversion"/>; the shapes come from <see cref="ConfigSource"/>. Such files carry no
/// tokenizer, so one must be found next to the configs or given explicitly.
/// </summary>
public static class SingleFileCheckpoint
{
    public static StableDiffusionModel Load(string file, ConfigSource configs, string? tokenizerDir, DeviceSpec device)
    {
        if (!File.Exists(file))
            throw new CheckpointException($"Checkpoint file not found: {file}");
        if (!file.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            throw new CheckpointException($"{file}: only .safetensors single-file checkpoints are read (pickled .ckpt files can run code when loaded).");
        var tokenizer = ClipTokenizer.FromFolder(tokenizerDir ?? configs.TokenizerDir ?? throw new CheckpointException(
            $"{file} carries no tokenizer: pass --config DIR (a diffusers folder with tokenizer/) or --tokenizer DIR (vocab.json + merges.txt)."));

        var unetConfig = configs.Unet();
        var checkpoint = StateDict.Read(file);
        try
        {
            var parts = LdmKeyConversion.Convert(checkpoint, LayoutOf(unetConfig), file);
            var unet = ModuleWeights.Apply(new UNet2DConditionModel(unetConfig), parts.Unet, $"{file} (UNet)", device.Device, device.DType);
            var vae = ModuleWeights.Apply(new AutoencoderKL(configs.Vae()), parts.Vae, $"{file} (VAE)", device.Device, device.DType);
            var text = ModuleWeights.Apply(new ClipTextModel(configs.TextEncoder()), ClipTextModel.WithoutPositionIds(parts.TextEncoder),
                $"{file} (text encoder)", device.Device, device.DType);
            text.PairWith(tokenizer, file);
            return new StableDiffusionModel
            {
                Name = Path.GetFileNameWithoutExtension(file),
                Hash = ModelHash.AutoV2(file),
                Tokenizer = tokenizer,
                TextEncoder = text,
                Unet = unet,
                Vae = vae,
                SchedulerConfig = configs.Scheduler(),
                Device = device,
            };
        }
        finally
        {
            foreach (var t in checkpoint.Values) t.Dispose();
        }
    }

    /// <summary>How LDM's flat block indices map onto this UNet config's blocks.</summary>
    public static LdmUnetLayout LayoutOf(UNetConfig config)
    {
        int blocks = config.BlockOutChannels.Count;
        var layers = config.LayersPerBlock.PerBlock(blocks);
        if (layers.Distinct().Count() != 1)
            throw new CheckpointException("Single-file conversion needs one layers_per_block for every block; this config has several.");
        return new LdmUnetLayout(
        layers[0],
        blocks,
        config.DownBlockTypes.Select(t => t.StartsWith("CrossAttn", StringComparison.Ordinal)).ToArray(),
        config.UpBlockTypes.Select(t => t.StartsWith("CrossAttn", StringComparison.Ordinal)).ToArray());
    }
}
