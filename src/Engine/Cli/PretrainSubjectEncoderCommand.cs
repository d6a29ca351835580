using System.CommandLine;
using System.Globalization;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Segmentation;
using DreamTuner.Engine.Training.Pretraining;
using DreamTuner.Engine.Vision;

namespace DreamTuner.Engine.Cli;

/// <summary>
/// <c>pretrain-subject-encoder</c>: DreamTuner stage 1 (section 3.1) on a folder of images; writes a subject-encoder
/// file that <c>generate --subject-encoder</c> and <c>finetune --subject-encoder</c> load. Progress (step, loss, ETA)
/// goes to stderr; <c>--resume</c> continues from the work folder's checkpoint.
/// </summary>
public static class PretrainSubjectEncoderCommand
{
    public static Command Create()
    {
        var defaults = new SubjectEncoderPretrainOptions();
        var model = new Option<string>("--model") { Description = "Diffusers model folder or single-file .safetensors", Required = true };
        var data = new Option<string>("--data") { Description = "Folder of images (+ NAME.txt captions, NAME.mask.png masks, NAME.depth.png depth maps)", Required = true };
        var output = new Option<string>("--out") { Required = true, Description = "Subject-encoder .safetensors (subject_encoder_config.json is written beside it)" };
        var imageEncoder = new Option<string?>("--image-encoder") { Description = "CLIP image encoder folder (default: MODEL/image_encoder)" };
        var controlnet = new Option<string?>("--controlnet") { Description = "Frozen depth ControlNet folder, used for images with a depth map" };
        var init = new Option<string?>("--init") { Description = "Start from this subject-encoder file instead of a new one" };
        var layers = new Option<string?>("--layers") { Description = "CLIP hidden-state indices, e.g. 25,4,8,12,16 (default: the paper's, scaled to the CLIP depth)" };
        var resBlocks = new Option<int>("--res-blocks") { DefaultValueFactory = _ => new SubjectEncoderConfig().NumResBlocks };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => defaults.Steps };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => defaults.BatchSize, Description = "Images per step (paper: 16)" };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => defaults.LearningRate, Description = "Learning rate (paper: 1e-5)" };
        var beta = new Option<double>("--beta") { DefaultValueFactory = _ => defaults.Beta, Description = "S-E-A strength while training (paper: 1.0)" };
        var resolution = new Option<int?>("--resolution") { Description = "Training square in pixels (default: the model's)" };
        var controlScale = new Option<double>("--control-scale") { DefaultValueFactory = _ => defaults.ControlScale };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { DefaultValueFactory = _ => defaults.CheckpointEvery };
        var checkpointing = new Option<bool>("--gradient-checkpointing") { Description = "Recompute UNet transformer blocks in backward (less memory, ~1 more forward)" };
        var noAugment = new Option<bool>("--no-augment") { Description = "Feed the encoder the plain image (no elastic / flip / blur / scale / rotation)" };
        var segmenter = new Option<string?>("--segmenter") { Description = "IS-Net ONNX model for masks of images without NAME.mask.png or alpha" };
        var work = new Option<string?>("--work") { Description = "Work folder (checkpoints); default OUT.work next to --out" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the work folder's checkpoint" };
        var device = new Option<string>("--device") { DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { DefaultValueFactory = _ => "float32", Description = "float32, or bfloat16 / float16 (CUDA) for mixed precision: the frozen model in that type, the trained layers in float32" };
        var command = new Command("pretrain-subject-encoder", "Train DreamTuner's subject-encoder (stage 1) on a folder of images")
        {
            model, data, output, imageEncoder, controlnet, init, layers, resBlocks, steps, batch, lr, beta, resolution, controlScale, seed,
            checkpointEvery, checkpointing, noAugment, segmenter, work, resume, device, dtype,
        };
        command.SetAction((result, cancellation) =>
        {
            var outPath = result.GetValue(output)!;
            var workDir = result.GetValue(work) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!,
                Path.GetFileNameWithoutExtension(outPath) + ".work");
            if (!result.GetValue(resume) && Directory.Exists(Path.Combine(workDir, SubjectEncoderPretrainer.CheckpointFolder)))
                throw new UsageException($"{workDir} holds a checkpoint of an earlier run: pass --resume to continue it, or another --work folder.");
            var options = new SubjectEncoderPretrainOptions
            {
                Steps = result.GetValue(steps),
                BatchSize = result.GetValue(batch),
                LearningRate = result.GetValue(lr),
                Beta = result.GetValue(beta),
                Resolution = result.GetValue(resolution),
                ControlScale = result.GetValue(controlScale),
                Seed = result.GetValue(seed),
                CheckpointEvery = result.GetValue(checkpointEvery),
                GradientCheckpointing = result.GetValue(checkpointing),
                Augmentation = new EncoderAugmentationOptions { Enabled = !result.GetValue(noAugment) },
            };
            try { options.Validate(); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            var dataset = PretrainingDataset.Scan(result.GetValue(data)!).Validate();

            var spec = DeviceSpec.Parse(result.GetValue(device)!, result.GetValue(dtype)!);
            var modelPath = result.GetValue(model)!;
            var imageEncoderDir = result.GetValue(imageEncoder) ?? Path.Combine(modelPath, "image_encoder");
            if (!Directory.Exists(imageEncoderDir))
                throw new UsageException($"no CLIP image encoder at {imageEncoderDir}: pass --image-encoder DIR.");
            using var sd = ModelLoader.Load(modelPath, spec);
            var clip = ClipVisionModel.FromFolder(imageEncoderDir, spec.Device, spec.DType);
            using var identity = result.GetValue(init) is { } initPath
                ? SubjectEncoderFile.Load(initPath, sd.Unet, clip)
                : SubjectEncoderPretrainer.CreateFresh(sd.Unet, clip, Config(result.GetValue(layers), result.GetValue(resBlocks), clip.Config,
                    sd.Unet.Config.CrossAttentionDim.Values[0]), options.Seed);
            using var depthNet = result.GetValue(controlnet) is { } cn ? ControlNetModel.FromFolder(cn, spec.Device, spec.DType) : null;
            if (dataset.HasDepth && depthNet is null)
                Console.Error.WriteLine("warning: the data has depth maps but no --controlnet was given; layout is not decoupled from content.");
            if (!dataset.HasDepth && depthNet is not null)
                Console.Error.WriteLine("warning: --controlnet was given but no image has a NAME.depth.png; the ControlNet is unused.");
            using var onnx = result.GetValue(segmenter) is { } segmenterPath ? new OnnxSaliencySegmenter(segmenterPath) : null;
            var trainer = new SubjectEncoderPretrainer(sd, identity)
            {
                DepthControlNet = depthNet,
                Segmenters = onnx is null ? [AlphaForegroundSegmenter.Instance] : [AlphaForegroundSegmenter.Instance, onnx],
                OnStep = p => Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
                    $"\rstep {p.Step}/{p.TotalSteps}  loss {p.Loss:F4}  {p.Elapsed.TotalSeconds:F0}s elapsed, ~{p.EstimatedRemaining.TotalSeconds:F0}s left   ")),
            };
            Console.Error.WriteLine($"{dataset.Count} images; training {trainer.TrainableParameters().Values.Sum(p => p.numel()):N0} parameters (subject-encoder head + S-E-A)");
            try
            {
                trainer.Run(dataset, options, workDir, cancellation);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            Console.Error.WriteLine();
            SubjectEncoderFile.Save(outPath, identity.Encoder, sd.Unet);
            Console.WriteLine(outPath);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// The encoder's shape for this CLIP tower. Without <c>--layers</c>: the paper's indices {25, 4, 8, 12, 16} of
    /// ViT-H/14's 32 layers, scaled to the tower's depth (rounded, at least 1), so smaller CLIP models keep the same
    /// mix of one deep and four shallower layers.
    /// </summary>
    public static SubjectEncoderConfig Config(string? layers, int resBlocks, ClipVisionConfig clip, int crossAttentionDim)
    {
        IReadOnlyList<int> indices;
        if (layers is not null)
        {
            try { indices = layers.Split(',', StringSplitOptions.TrimEntries).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList(); }
            catch (FormatException) { throw new UsageException($"--layers must be comma-separated numbers, got \"{layers}\"."); }
        }
        else
        {
            indices = new SubjectEncoderConfig().LayerIndices
                .Select(i => Math.Max(1, (int)Math.Round(i * clip.NumHiddenLayers / 32.0))).Distinct().ToList();
        }
        return new SubjectEncoderConfig
        {
            LayerIndices = indices,
            ClipHiddenSize = clip.HiddenSize,
            CrossAttentionDim = crossAttentionDim,
            NumResBlocks = resBlocks,
        };
    }
}
