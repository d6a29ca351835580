namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// The square the world's layout reserves for a sprite at a position and scale (<see cref="SpriteGeometry"/>: centre
/// plus or minus <see cref="SpriteGeometry.Extent"/> units), in pixels, half-open. For generated images the position
/// and scale are the ones the reader reads, so the crop follows where the sprite actually is.
/// </summary>
public readonly record struct SpriteRegion(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;
    public int Height => Bottom - Top;

    public static SpriteRegion For(StarterExample example, HorizontalPosition horizontal, VerticalPosition vertical, SpriteScale scale, int size)
    {
        ArgumentNullException.ThrowIfNull(example);
        var geometry = SpriteGeometry.Build(example with { Horizontal = horizontal, Vertical = vertical, Scale = scale }, size);
        var reach = SpriteGeometry.Extent * geometry.Unit;
        int left = Math.Clamp((int)Math.Floor(geometry.CenterX - reach), 0, size - 1);
        int top = Math.Clamp((int)Math.Floor(geometry.CenterY - reach), 0, size - 1);
        int right = Math.Clamp((int)Math.Ceiling(geometry.CenterX + reach), left + 1, size);
        int bottom = Math.Clamp((int)Math.Ceiling(geometry.CenterY + reach), top + 1, size);
        return new SpriteRegion(left, top, right, bottom);
    }

    public static SpriteRegion Of(StarterExample example, int size) =>
        For(example, example.Horizontal, example.Vertical, example.Scale, size);
}
