namespace DreamTuner.Engine.Tests.Segmentation;

/// <summary>
/// Runs only where the optional IS-Net model is installed (env DREAMTUNER_SEGMENTER_MODEL, set by .ci/run after
/// scripts/fetch-isnet.sh); elsewhere the test is skipped and says how to enable it.
/// </summary>
public sealed class FactRequiringSegmenterAttribute : FactAttribute
{
    public const string Variable = "DREAMTUNER_SEGMENTER_MODEL";

    public FactRequiringSegmenterAttribute()
    {
        if (ModelPath is null)
            Skip = $"no segmentation model: run scripts/fetch-isnet.sh DIR and set {Variable}=DIR/segmentation/isnet-small.onnx";
    }

    public static string? ModelPath =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } p && File.Exists(p) ? p : null;
}
