namespace DreamTuner.Engine.Starter;

/// <summary>Turns an example into pixels: background, sprite over it, mask, and the pose image from the same layout.</summary>
public static class StarterRenderer
{
    public const int MinSize = 32, MaxSize = 128, DefaultSize = 64;

    public static StarterRendering Render(StarterExample example, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(example);
        CheckSize(size);
        example.Identity.Validate();
        var geometry = SpriteGeometry.Build(example, size);

        var image = BackgroundPainter.Paint(example.Scene, size, example.BackgroundSeed);
        var hits = SpriteRasteriser.Draw(image, size, geometry.Parts, geometry.CenterX, geometry.CenterY, geometry.Unit);

        var pose = new byte[size * size * 3];
        SpriteRasteriser.Draw(pose, size, OpenPoseSkeleton.Parts(geometry.LocalKeypoints), geometry.CenterX, geometry.CenterY, geometry.Unit);

        var mask = new byte[size * size];
        var coverage = new byte[size * size];
        for (var i = 0; i < hits.Length; i++)
        {
            mask[i] = hits[i] > 0 ? (byte)255 : (byte)0;
            coverage[i] = (byte)((hits[i] * 255 + SpriteRasteriser.SamplesPerPixel / 2) / SpriteRasteriser.SamplesPerPixel);
        }
        return new StarterRendering(size, image, mask, coverage, pose, geometry.Keypoints);
    }

    /// <summary>The image the example would have without its sprite.</summary>
    public static byte[] RenderBackground(StarterExample example, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(example);
        CheckSize(size);
        return BackgroundPainter.Paint(example.Scene, size, example.BackgroundSeed);
    }

    public static void CheckSize(int size)
    {
        if (size is < MinSize or > MaxSize)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Image size must be {MinSize}..{MaxSize} pixels");
    }
}
