using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// The judge SpriteBench reads generated images with: a small CNN on 64x64 RGB with one head per starter-world
/// attribute (<see cref="SpriteLabels"/>); with a crop branch (<see cref="SpriteClassifierConfig.CropSize"/>) it reads
/// where the sprite stands from the whole image first, then its identity and emblem from the sprite's crop. It is trained on the generator's exact labels, partly through the VAE round
/// trip so that it also reads the softer images a diffusion model decodes. Field names are the safetensors keys.
/// </summary>
public sealed class SpriteAttributeClassifier : nn.Module, ISpriteReader
{
    public const string FolderName = "evaluator";
    public const string WeightsFileName = "model.safetensors";
    /// <summary>The emblem's binary cross-entropy is a mean over 15 cells; this weighs it like a few class heads.</summary>
    public const double EmblemLossWeight = 5;

    private readonly Sequential features;
    private readonly Conv2d narrow;
    private readonly Linear hidden;
    private readonly SpriteHeads heads;
    private readonly SpriteCropBranch? crop;

    public SpriteAttributeClassifier(SpriteClassifierConfig config) : base(nameof(SpriteAttributeClassifier))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();
        features = SpriteConvLevels.Build(config.BlockOutChannels, config.NormNumGroups);
        var channels = config.BlockOutChannels[^1];
        narrow = nn.Conv2d(channels, config.FlatChannels, 1);
        hidden = nn.Linear(config.FlatChannels * config.FeatureSize * config.FeatureSize + 2 * channels, config.HiddenSize);
        heads = new SpriteHeads(config.HiddenSize);
        if (config.CropSize > 0) crop = new SpriteCropBranch(config);
        RegisterComponents();
    }

    public SpriteClassifierConfig Config { get; }

    /// <summary>
    /// Head logits of images <c>[N, 3, H, W]</c> in [0, 1] (resized to the config's size when they differ). With a crop
    /// branch the identity heads and the emblem come from the sprite's crop, placed where this reader's own position
    /// and scale heads put it.
    /// </summary>
    public (Tensor[] Categorical, Tensor Emblem) Logits(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        var x = Resized(images);
        var (categorical, emblem) = WholeImage(x);
        if (crop is not null)
        {
            var (identity, cells) = Cropped(x, stack(categorical.Select(t => t.argmax(1)).ToArray(), 1), jitter: null);
            for (var i = 0; i < identity.Length; i++) categorical[i] = identity[i];
            emblem = cells;
        }
        foreach (var t in categorical) t.MoveToOuterDisposeScope();
        return (categorical, emblem.MoveToOuterDisposeScope());
    }

    /// <summary>The crop branch's identity and emblem logits, cropped where the placement heads of <paramref name="classes"/> say.</summary>
    private (Tensor[] Identity, Tensor Emblem) Cropped(Tensor x, Tensor classes, Generator? jitter) =>
        crop!.Forward(SpriteCrops.Crop(x, Boxes(classes, jitter), Config.CropSize));

    private Tensor Resized(Tensor images) => images.shape[2] == Config.ImageSize && images.shape[3] == Config.ImageSize
        ? images
        : nn.functional.interpolate(images, [Config.ImageSize, Config.ImageSize], mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>Every head read from the whole image.</summary>
    private (Tensor[] Categorical, Tensor Emblem) WholeImage(Tensor x)
    {
        var f = features.forward(x * 2 - 1);
        // The flattened map says where things are; the pooled channels say what the sprite is wherever it stands,
        // which a flattened map would have to learn at every position separately.
        var where = nn.functional.silu(narrow.forward(f)).flatten(1);
        var h = nn.functional.silu(hidden.forward(cat([where, f.mean([2, 3]), f.amax([2, 3])], 1)));
        return heads.Forward(h);
    }

    /// <summary>Crop boxes of the placements in <paramref name="classes"/>; with a generator, shifted up to 1.5 px and scaled by 0.9-1.15.</summary>
    private List<(double, double, double)> Boxes(Tensor classes, Generator? jitter)
    {
        var rows = classes.to(ScalarType.Int32).cpu();
        var n = (int)rows.shape[0];
        var width = (int)rows.shape[1];
        var values = rows.data<int>().ToArray();
        var noise = jitter is null ? null : rand([n, 3], generator: jitter).data<float>().ToArray();
        var boxes = new List<(double, double, double)>(n);
        for (var i = 0; i < n; i++)
        {
            var row = new ArraySegment<int>(values, i * width, width);
            var (cx, cy, half) = SpriteCrops.Box(row, Config.ImageSize);
            if (noise is not null)
            {
                cx += (noise[i * 3] * 2 - 1) * 1.5;
                cy += (noise[i * 3 + 1] * 2 - 1) * 1.5;
                half *= 0.9 + 0.25 * noise[i * 3 + 2];
            }
            boxes.Add((cx, cy, half));
        }
        return boxes;
    }

    /// <summary>
    /// Sum of the heads' cross-entropies plus <see cref="EmblemLossWeight"/> times the cells' mean BCE: of the
    /// whole-image heads, and with a crop branch also of the crop's heads, cropped at the true placement moved by
    /// <paramref name="jitter"/> (so the crop reader tolerates a generated sprite a pixel off its place).
    /// </summary>
    /// <param name="images">[N, 3, H, W] in [0, 1].</param>
    /// <param name="classes">[N, heads] class indices (<see cref="SpriteLabels.Classes"/>).</param>
    /// <param name="cells">[N, 15] 0/1 emblem cells.</param>
    /// <param name="jitter">Draws the crop jitter; null crops exactly.</param>
    public Tensor Loss(Tensor images, Tensor classes, Tensor cells, Generator? jitter = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        using var scope = NewDisposeScope();
        var x = Resized(images);
        var (categorical, emblem) = WholeImage(x);
        var loss = HeadLoss(categorical, emblem, classes, cells);
        if (crop is not null)
        {
            var (identity, cropCells) = Cropped(x, classes, jitter);
            loss += HeadLoss(identity, cropCells, classes, cells);
        }
        return loss.MoveToOuterDisposeScope();
    }

    private static Tensor HeadLoss(Tensor[] categorical, Tensor emblem, Tensor classes, Tensor cells)
    {
        var loss = EmblemLossWeight * nn.functional.binary_cross_entropy_with_logits(emblem, cells);
        for (var i = 0; i < categorical.Length; i++)
            loss += nn.functional.cross_entropy(categorical[i], classes.select(1, i));
        return loss;
    }

    public IReadOnlyList<SpriteReading> Read(Tensor images)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var wasTraining = training;
        eval();
        var (categorical, emblem) = Logits(images);
        if (wasTraining) train();
        var classes = categorical.Select(t => t.argmax(1).to(ScalarType.Int64).data<long>().ToArray()).ToArray();
        var cells = emblem.gt(0).data<bool>().ToArray();
        var n = (int)images.shape[0];
        return Enumerable.Range(0, n).Select(i => SpriteLabels.Reading(
            classes.Select(c => (int)c[i]).ToArray(),
            cells.AsSpan(i * SpriteLabels.EmblemCells, SpriteLabels.EmblemCells).ToArray())).ToList();
    }

    /// <summary>Writes <c>config.json</c> and fp16 <c>model.safetensors</c> into <paramref name="dir"/>.</summary>
    public void Save(string dir)
    {
        Directory.CreateDirectory(dir);
        Config.Save(Path.Combine(dir, SpriteClassifierConfig.FileName));
        using var scope = NewDisposeScope();
        StateDict.Write(Path.Combine(dir, WeightsFileName), state_dict().ToDictionary(kv => kv.Key,
            kv => kv.Value.is_floating_point() ? kv.Value.to(ScalarType.Float16) : kv.Value));
    }

    /// <summary>Loads a folder written by <see cref="Save"/> (the starter model's <c>evaluator/</c>), in eval mode.</summary>
    public static SpriteAttributeClassifier FromFolder(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!Directory.Exists(dir))
            throw new CheckpointException($"{dir} does not exist: the attribute classifier is the {FolderName}/ folder of a starter model (train-starter --stage evaluator)");
        if (!File.Exists(Path.Combine(dir, SpriteClassifierConfig.FileName)) || !File.Exists(Path.Combine(dir, WeightsFileName)))
            throw new CheckpointException($"{dir} is not an attribute classifier folder: it needs {SpriteClassifierConfig.FileName} and {WeightsFileName} " +
                $"(the {FolderName}/ folder of a starter model)");
        var model = new SpriteAttributeClassifier(SpriteClassifierConfig.FromFile(Path.Combine(dir, SpriteClassifierConfig.FileName)));
        StateDict.LoadFile(model, Path.Combine(dir, WeightsFileName));
        model.eval();
        return model;
    }
}
