using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// Cuts the sprite out of world images: the square around its centre that holds every part
/// (<see cref="SpriteGeometry.Extent"/> units and a pixel), resampled to a fixed size. A reader that looks at the
/// crop sees every sprite at one scale and place, so its filters need not learn each attribute at 18 placements
/// and 13-23 px sizes.
/// </summary>
public static class SpriteCrops
{
    /// <summary>The crop square of a sprite placed by these scene attributes: centre and half side, in pixels.</summary>
    public static (double CenterX, double CenterY, double HalfSide) Box(HorizontalPosition horizontal, VerticalPosition vertical,
        SpriteScale scale, int imageSize)
    {
        var (cx, cy, unit) = SpriteGeometry.Placement(horizontal, vertical, scale, imageSize);
        return (cx, cy, SpriteGeometry.Extent * unit + 1);
    }

    /// <summary>The box of the placement given as class indices of <see cref="SpriteLabels.Heads"/>.</summary>
    public static (double CenterX, double CenterY, double HalfSide) Box(IReadOnlyList<int> classes, int imageSize) =>
        Box((HorizontalPosition)classes[SpriteLabels.HorizontalHead], (VerticalPosition)classes[SpriteLabels.VerticalHead],
            (SpriteScale)classes[SpriteLabels.ScaleHead], imageSize);

    /// <summary>
    /// Bilinear crops <c>[N, C, size, size]</c> of <paramref name="images"/> <c>[N, C, H, W]</c> (H = W), one box
    /// per image; parts of a box outside the image repeat the border.
    /// </summary>
    public static Tensor Crop(Tensor images, IReadOnlyList<(double CenterX, double CenterY, double HalfSide)> boxes, int size)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(boxes);
        if (boxes.Count != images.shape[0])
            throw new ArgumentException($"{boxes.Count} boxes for {images.shape[0]} images", nameof(boxes));
        using var scope = NewDisposeScope();
        double side = images.shape[3];
        // affine_grid maps the crop's [-1, 1] square to image coordinates in [-1, 1] (pixel edges, align_corners false).
        var theta = new float[boxes.Count * 6];
        for (var i = 0; i < boxes.Count; i++)
        {
            var (cx, cy, half) = boxes[i];
            theta[i * 6 + 0] = (float)(2 * half / side);
            theta[i * 6 + 2] = (float)(2 * cx / side - 1);
            theta[i * 6 + 4] = (float)(2 * half / side);
            theta[i * 6 + 5] = (float)(2 * cy / side - 1);
        }
        var grid = nn.functional.affine_grid(tensor(theta).view(boxes.Count, 2, 3), [boxes.Count, images.shape[1], size, size], align_corners: false);
        return nn.functional.grid_sample(images, grid.to(images.device), GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false)
            .MoveToOuterDisposeScope();
    }
}
