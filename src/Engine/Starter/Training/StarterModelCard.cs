using System.Globalization;
using System.Text;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Training;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>Writes MODEL_CARD.md from what the run actually did: data, shapes, steps, seeds, losses, times, sizes.</summary>
public static class StarterModelCard
{
    public const string FileName = "MODEL_CARD.md";

    public static void Write(string path, StarterTrainingOptions options, StarterTrainingResult result)
    {
        File.WriteAllText(path, Render(options, result));
    }

    public static string Render(StarterTrainingOptions options, StarterTrainingResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        // The card describes the folder: a VAE already there (reused from another run) decides the latent channels.
        var vaeConfig = Path.Combine(options.OutDir, "vae", "config.json");
        var latentChannels = File.Exists(vaeConfig) ? ConfigFile.Read<AutoencoderKLConfig>(vaeConfig).LatentChannels : options.LatentChannels;
        var unetConfig = Path.Combine(options.OutDir, "unet", "config.json");
        var tokenLength = StarterFolderText.Positions(options.OutDir) ?? options.TokenLength ?? Text.ClipTokenizer.DefaultMaxLength;
        var architecture = (options with { Scale = result.Plan.Scale, UnetChannels = File.Exists(unetConfig)
            ? ConfigFile.Read<UNetConfig>(unetConfig).BlockOutChannels : options.UnetChannels }).Architecture(latentChannels, tokenLength);
        var s = new StringBuilder();
        s.AppendLine("# DreamTuner Studio starter model");
        s.AppendLine();
        s.AppendLine("A small Stable Diffusion 1.x model (diffusers layout) trained from scratch on the synthetic starter world, so the");
        s.AppendLine("studio works end to end without downloading weights. It knows only the world's creatures.");
        s.AppendLine();
        s.AppendLine("## How it was made");
        s.AppendLine();
        s.AppendLine(inv, $"    {options.CommandLine}");
        s.AppendLine();
        s.AppendLine(inv, $"Scale `{result.Plan.Scale.ToString().ToLowerInvariant()}`, seed {result.Plan.Seed}, budget {result.Plan.BudgetMinutes:0.#} min.");
        s.AppendLine(inv, $"Data: the starter world's training split (`StarterWorld(seed {result.Plan.Seed})`, held-out identities and emblems never");
        s.AppendLine(inv, $"appear), {architecture.ImageSize}x{architecture.ImageSize} RGB images rendered on the fly, examples drawn uniformly from indices");
        s.AppendLine(inv, $"0..{StarterBatches.IndexRange - 1} by each step's generator; captions from `StarterCaptions.Caption`, 10% replaced by \"\" in the");
        s.AppendLine("diffusion stages (classifier-free guidance); pose images for the ControlNet. Tokenizer: `StarterVocabulary` (BPE over the captions),");
        s.AppendLine(inv, $"{architecture.TokenLength} ids per caption (Stable Diffusion: 77; the longest caption of the world needs {StarterArchitecture.MinTokenLength}).");
        s.AppendLine();
        s.AppendLine("## Stages");
        s.AppendLine();
        s.AppendLine("| stage | writes | steps | batch | lr | step seed | loss first→last 10% | time (s) | s/step measured | s/step probed | parameters | bytes |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in result.Reports)
            s.AppendLine(inv, $"| {r.Stage} | {string.Join(", ", r.Components)} | {r.Steps} | {r.BatchSize} | {r.LearningRate:G3}{(r.CosineLr ? " cosine" : "")}{(r.Average is { } a ? $", EMA {a.Decay:0.####} from {a.StartStep}" : "")} | {r.Seed} | {r.FirstLoss:0.0000} → {r.LastLoss:0.0000} | {r.SecondsLastSession:0.0} | {r.MeasuredSecondsPerStep:0.000} | {r.SecondsPerStep:0.000} | {r.Parameters:N0} | {r.BytesOnDisk:N0} |");
        s.AppendLine();
        s.AppendLine(inv, $"Total: {result.Reports.Sum(r => r.Parameters):N0} parameters, {result.Reports.Sum(r => r.BytesOnDisk) / 1048576.0:0.00} MiB of fp16 weights (cap {StarterWeights.MaxTotalBytes / 1048576} MiB);");
        // The evaluator is SpriteBench's judge, not part of the model: its time does not count against the budget.
        var judge = StarterStages.Name(StarterStage.Evaluator);
        var modelMinutes = result.Reports.Where(r => r.Stage != judge).Sum(r => r.SecondsLastSession) / 60;
        var judgeMinutes = result.Reports.Where(r => r.Stage == judge).Sum(r => r.SecondsLastSession) / 60;
        s.AppendLine(inv, $"training time of the model's stages {modelMinutes:0.0} min (budget {result.Plan.BudgetMinutes:0.#}), plus {judgeMinutes:0.0} min for the evaluator outside the budget");
        s.AppendLine("(time of the session that finished each stage);");
        s.AppendLine(inv, $"this run took {result.RunSeconds / 60:0.0} min of wall time including probes, the latent pool and saving.");
        s.AppendLine("Modules are initialised with torch.manual_seed(seed · 31 + stage index); every step draws from a generator seeded");
        s.AppendLine("by (step seed, step), so a resumed run repeats the uninterrupted one exactly.");
        s.AppendLine();
        s.AppendLine(inv, $"- **vae**: AutoencoderKL, blocks [{string.Join(", ", architecture.Vae.BlockOutChannels)}] ({architecture.ImageSize}x{architecture.ImageSize} images → {architecture.LatentSize}x{architecture.LatentSize}x{architecture.Vae.LatentChannels} latents), L1 + L2 reconstruction + {VaeStageBuilder.KlWeight:G2} KL (means);");
        s.AppendLine(inv, $"  scaling_factor = 1/std of the latents of {VaeStageBuilder.ScalingExamples} fixed training examples.");
        if (options.VaeSubjectWeight != 1)
            s.AppendLine(inv, $"  A sprite pixel weighs {options.VaeSubjectWeight:0.##}x a background pixel in the reconstruction loss.");
        s.AppendLine("- **text+unet**: CLIP text encoder (starter vocabulary) and UNet2DConditionModel trained together, end to end, on the");
        s.AppendLine(inv, $"  epsilon-prediction diffusion loss (SD 1.5 scheduler: 1000 steps, scaled-linear betas) of the frozen VAE's latents");
        s.AppendLine(inv, $"  (a pool of the first {architecture.LatentPoolSize} training examples, latent sampled per step). UNet blocks [{string.Join(", ", architecture.Unet.BlockOutChannels)}].");
        if (result.Plan.Stages.FirstOrDefault(p => p.Stage == StarterStage.TextUnet)?.FreezeTextEncoderFrom is { } freeze)
            s.AppendLine(inv, $"  The text encoder learns until step {freeze}; from there it is frozen and the UNet reads its cached caption states.");
        s.AppendLine("- **controlnet**: ControlNetModel.FromUNet (zero convs) on pose images, UNet and text encoder frozen.");
        if (options.SubjectLossWeight != 1)
            s.AppendLine(inv, $"  In both diffusion stages a latent position covered by the sprite weighs {options.SubjectLossWeight:0.##}x a background one in the loss.");
        if (options.MinSnrGamma is { } gamma)
            s.AppendLine(inv, $"  Both diffusion stages weigh each sample's loss by min(SNR_t, {gamma:0.##})/SNR_t (Min-SNR-γ).");
        if (result.Reports.Any(r => r.CosineLr))
            s.AppendLine(inv, $"- Stages whose lr says cosine warm it up over 5 % of their steps (at most 200), then decay it along a half cosine to {CosineLearningRate.FloorFraction:0.#} of the lr column.");
        if (result.Reports.Any(r => r.Average is not null))
            s.AppendLine("- Stages whose lr says EMA save an exponential moving average of their weights (per-step decay, kept from the step named) instead of their last weights.");
        s.AppendLine("- **clip**: a small CLIPModel (text_model, vision_model, projections, logit_scale), symmetric contrastive loss on");
        s.AppendLine("  image/caption pairs; for CLIP-I/CLIP-T scores and as the subject encoder's image encoder.");
        s.AppendLine("- **subject-encoder**: DreamTuner stage-1 pretraining (section 3.1): the subject-encoder head and the S-E-A layers of every");
        s.AppendLine(inv, $"  UNet transformer block learn to denoise a world image from the encoder's view of the same sprite (exact mask, background");
        s.AppendLine(inv, $"  on white, flip/scale/rotation/elastic/blur), beta {SubjectEncoderStageBuilder.TrainingBeta:0.0}; VAE, text encoder, UNet, image encoder and the pose ControlNet");
        s.AppendLine("  (fed the example's pose, so layout comes from the pose and the encoder carries identity) are frozen. Writes");
        s.AppendLine("  subject_encoder/ and image_encoder/ (the clip stage's vision tower, CLIPVisionModelWithProjection layout).");
        StarterEvaluatorCard.Append(s, Path.Combine(options.OutDir, Evaluation.SpriteAttributeClassifier.FolderName));
        s.AppendLine();
        s.AppendLine("## Plan");
        s.AppendLine();
        foreach (var line in result.Plan.Describe())
            s.AppendLine("    " + line);
        if (result.NotDone.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("## Not done");
            s.AppendLine();
            foreach (var item in result.NotDone)
                s.AppendLine("- " + item);
        }
        return s.ToString();
    }
}
