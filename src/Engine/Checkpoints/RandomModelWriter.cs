using System.Text.Json;
using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// Writes a random-weight model in diffusers layout with the same save code the engine uses for real models, so
/// that tests and benchmarks load it back through the user's path (<see cref="DiffusersPipelineFolder"/>).
/// </summary>
public static class RandomModelWriter
{
    public static void Write(string dir, RandomModelSpec spec, long seed = 0, string? tokenizerDir = null)
    {
        Directory.CreateDirectory(dir);
        manual_seed(seed);
        var vocabulary = tokenizerDir is null ? ByteLevelVocabulary() : ClipVocabulary.FromFolder(tokenizerDir);
        vocabulary.Save(Path.Combine(dir, "tokenizer"));
        var textConfig = spec.TextEncoder with { VocabSize = vocabulary.Tokens.Count };

        using (var unet = new UNet2DConditionModel(spec.Unet)) unet.Save(Path.Combine(dir, "unet"));
        using (var vae = new AutoencoderKL(spec.Vae)) vae.Save(Path.Combine(dir, "vae"));
        using (var text = new ClipTextModel(textConfig))
        {
            ConfigFile.Write(Path.Combine(dir, "text_encoder", "config.json"), textConfig);
            StateDict.Save(text, Path.Combine(dir, "text_encoder", "model.safetensors"));
        }
        WriteScheduler(dir);
        WriteModelIndex(dir);
    }

    /// <summary>
    /// A random ControlNet for <paramref name="spec"/>'s UNet in diffusers layout at <paramref name="dir"/>. Unlike a
    /// fresh diffusers ControlNet its zero convs and conditioning output are random too, so that it visibly changes
    /// the image (a test can then tell that it ran).
    /// </summary>
    public static void WriteControlNet(string dir, RandomModelSpec spec, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        manual_seed(seed);
        // The conditioning embedding must shrink the control image by the VAE's factor: one stride-2 stage per VAE
        // downsampling (diffusers' four channels for SD's 8x VAE).
        int[] channels = [16, 32, 96, 256];
        using var controlNet = new ControlNetModel(ControlNetConfig.FromUNet(spec.Unet, channels[..Math.Min(spec.Vae.BlockOutChannels.Count, channels.Length)]));
        using (no_grad())
        {
            foreach (var (name, parameter) in controlNet.named_parameters())
                if (name.StartsWith("controlnet_", StringComparison.Ordinal))
                    parameter.copy_(randn_like(parameter) * 0.05);
        }
        controlNet.Save(dir);
    }

    /// <summary>scheduler/scheduler_config.json: SD 1.5's own (PNDM, scaled-linear betas, epsilon prediction).</summary>
    public static void WriteScheduler(string dir)
    {
        using var stream = typeof(RandomModelWriter).Assembly.GetManifestResourceStream("Sd15.scheduler.json")!;
        using var file = File.Create(Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "scheduler")).FullName, "scheduler_config.json"));
        stream.CopyTo(file);
    }

    /// <summary>model_index.json of a Stable Diffusion 1.x diffusers folder.</summary>
    public static void WriteModelIndex(string dir)
    {
        File.WriteAllText(Path.Combine(dir, "model_index.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["_class_name"] = "StableDiffusionPipeline",
            ["scheduler"] = new[] { "diffusers", "PNDMScheduler" },
            ["text_encoder"] = new[] { "transformers", "CLIPTextModel" },
            ["tokenizer"] = new[] { "transformers", "CLIPTokenizer" },
            ["unet"] = new[] { "diffusers", "UNet2DConditionModel" },
            ["vae"] = new[] { "diffusers", "AutoencoderKL" },
        }, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// A CLIP-format vocabulary with no merges (every character is its own token): valid for the tokenizer and
    /// small, since no real vocabulary may be shipped or downloaded here.
    /// </summary>
    public static ClipVocabulary ByteLevelVocabulary()
    {
        var bytes = ByteLevelAlphabet.VocabularyOrder.Select(c => c.ToString()).ToList();
        var tokens = new Dictionary<string, int>();
        foreach (var t in bytes.Concat(bytes.Select(b => b + ClipVocabulary.EndOfWordSuffix)).Append(ClipVocabulary.StartOfText).Append(ClipVocabulary.EndOfText))
            tokens[t] = tokens.Count;
        return new ClipVocabulary(tokens, []);
    }
}
