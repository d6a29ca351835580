using System.Text.Json;

namespace DreamTuner.Engine.Starter;

/// <summary>
/// Writes a dataset folder: <c>images/</c>, <c>masks/</c> (grayscale, 255 = sprite) and <c>poses/</c> PNGs named
/// by index, <c>labels.jsonl</c> (one <see cref="StarterLabel"/> per line, snake_case), the world's
/// <c>tokenizer/</c> (vocab.json + merges.txt) and <c>contact_sheet.png</c> of the first 16 examples.
/// </summary>
public static class StarterDatasetWriter
{
    public const string LabelsFileName = "labels.jsonl";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static void Write(string dir, int count, ulong seed, int size = StarterRenderer.DefaultSize,
        StarterSplitKind split = StarterSplitKind.Train, Action<int>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        StarterRenderer.CheckSize(size);
        foreach (var sub in new[] { "images", "masks", "poses" })
            Directory.CreateDirectory(Path.Combine(dir, sub));
        StarterVocabulary.Build().Save(Path.Combine(dir, "tokenizer"));

        var world = new StarterWorld(seed);
        var sheet = new List<StarterRendering>();
        using var labels = new StreamWriter(Path.Combine(dir, LabelsFileName));
        for (var i = 0; i < count; i++)
        {
            var example = world.Example(split, i);
            var rendering = StarterRenderer.Render(example, size);
            var stem = i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllBytes(Path.Combine(dir, "images", stem + ".png"), StarterPng.EncodeRgb(rendering.Image, size, size));
            File.WriteAllBytes(Path.Combine(dir, "masks", stem + ".png"), StarterPng.EncodeGray(rendering.Mask, size, size));
            File.WriteAllBytes(Path.Combine(dir, "poses", stem + ".png"), StarterPng.EncodeRgb(rendering.Pose, size, size));
            labels.WriteLine(JsonSerializer.Serialize(StarterLabel.From(i, split, example, rendering, stem), JsonOptions));
            if (sheet.Count < 16)
                sheet.Add(rendering);
            progress?.Invoke(i + 1);
        }
        if (sheet.Count > 0)
        {
            var (rgb, width, height) = StarterContactSheet.Compose(sheet);
            File.WriteAllBytes(Path.Combine(dir, "contact_sheet.png"), StarterPng.EncodeRgb(rgb, width, height));
        }
    }
}
