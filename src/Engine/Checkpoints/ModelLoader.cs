using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>Loads whatever Stable Diffusion 1.x model a user points at: a diffusers folder or a single file.</summary>
public static class ModelLoader
{
    public static StableDiffusionModel Load(string path, DeviceSpec device, string? configDir = null, string? tokenizerDir = null,
        string? controlNetDir = null)
    {
        StableDiffusionModel model;
        if (Directory.Exists(path))
            model = DiffusersPipelineFolder.Load(path, device);
        else if (File.Exists(path))
            model = SingleFileCheckpoint.Load(path, configDir is null ? ConfigSource.Sd15 : ConfigSource.FromFolder(configDir), tokenizerDir, device);
        else
            throw new CheckpointException($"Model not found: {path} (give a diffusers folder or a .safetensors file)");
        if (controlNetDir is not null)
        {
            try
            {
                model.ControlNet = ControlNetModel.FromFolder(controlNetDir, device.Device, device.DType);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        return model;
    }
}
