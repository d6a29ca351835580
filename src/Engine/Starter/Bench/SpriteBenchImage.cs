using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>A square RGB image as the bench keeps it (row-major bytes, like the world's renderings), with the tensor views scorers take.</summary>
public sealed record SpriteBenchImage(byte[] Rgb, int Size)
{
    public static SpriteBenchImage FromRendering(StarterRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        return new SpriteBenchImage(rendering.Image, rendering.Size);
    }

    /// <summary><c>[3, H, W]</c> float in [0, 1].</summary>
    public Tensor ToTensor() =>
        tensor(Rgb, dtype: ScalarType.Byte).view(Size, Size, 3).permute(2, 0, 1).to(ScalarType.Float32).div(255.0);

    /// <summary><c>[3, h, w]</c> float in [0, 1] of the region.</summary>
    public Tensor Crop(SpriteRegion region)
    {
        using var whole = ToTensor();
        return whole[.., region.Top..region.Bottom, region.Left..region.Right].contiguous();
    }

    /// <summary>Images <c>[N, 3, H, W]</c> in [-1, 1] as a pipeline returns them, quantised as the saved PNGs are.</summary>
    public static IReadOnlyList<SpriteBenchImage> FromPipeline(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        var bytes = Imaging.ImageTensors.ToUint8(images);   // [N, H, W, 3]
        int n = (int)bytes.shape[0], h = (int)bytes.shape[1], w = (int)bytes.shape[2];
        if (h != w) throw new ArgumentException($"bench images are square, got {w}x{h}.");
        var list = new List<SpriteBenchImage>();
        for (int i = 0; i < n; i++)
            list.Add(new SpriteBenchImage(bytes[i].contiguous().data<byte>().ToArray(), h));
        return list;
    }

    /// <summary><c>[N, 3, H, W]</c> float in [0, 1].</summary>
    public static Tensor Stack(IReadOnlyList<SpriteBenchImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        return stack(images.Select(i => i.ToTensor()).ToArray()).MoveToOuterDisposeScope();
    }
}
