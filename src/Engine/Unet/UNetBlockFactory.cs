namespace DreamTuner.Engine.Unet;

/// <summary>Turns the block type strings of a config into blocks (diffusers' <c>get_down_block</c>/<c>get_up_block</c>).</summary>
public static class UNetBlockFactory
{
    public const string CrossAttnDownBlock2DType = "CrossAttnDownBlock2D";
    public const string DownBlock2DType = "DownBlock2D";
    public const string UpBlock2DType = "UpBlock2D";
    public const string CrossAttnUpBlock2DType = "CrossAttnUpBlock2D";
    public const string MidBlock2DCrossAttnType = "UNetMidBlock2DCrossAttn";

    public static IReadOnlyList<string> DownBlockTypes { get; } = [CrossAttnDownBlock2DType, DownBlock2DType];
    public static IReadOnlyList<string> UpBlockTypes { get; } = [UpBlock2DType, CrossAttnUpBlock2DType];
    public static IReadOnlyList<string> MidBlockTypes { get; } = [MidBlock2DCrossAttnType];

    public static UNetDownBlock CreateDownBlock(string type, UNetBlockArgs args) => Normalise(type) switch
    {
        CrossAttnDownBlock2DType => new CrossAttnDownBlock2D(args),
        DownBlock2DType => new DownBlock2D(args),
        _ => throw new ArgumentException($"{type} does not exist."),
    };

    public static UNetUpBlock CreateUpBlock(string type, UNetBlockArgs args) => Normalise(type) switch
    {
        UpBlock2DType => new UpBlock2D(args),
        CrossAttnUpBlock2DType => new CrossAttnUpBlock2D(args),
        _ => throw new ArgumentException($"{type} does not exist."),
    };

    /// <returns>null when <paramref name="type"/> is null: a UNet without a mid block, as diffusers allows.</returns>
    public static UNetMidBlock2DCrossAttn? CreateMidBlock(string? type, UNetBlockArgs args) => type switch
    {
        null => null,
        MidBlock2DCrossAttnType => new UNetMidBlock2DCrossAttn(args),
        _ => throw new ArgumentException($"{type} does not exist."),
    };

    public static bool IsKnownDownBlock(string type) => DownBlockTypes.Contains(Normalise(type));
    public static bool IsKnownUpBlock(string type) => UpBlockTypes.Contains(Normalise(type));

    // Old configs spell some types with a "UNetRes" prefix; diffusers strips it.
    private static string Normalise(string type) => type.StartsWith("UNetRes", StringComparison.Ordinal) ? type[7..] : type;
}
