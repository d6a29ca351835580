using DreamTuner.Studio.Images;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.Images;

public sealed class SubjectSquareTests
{
    private static byte[] Mask(int width, int height, SKRectI subject)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.Black);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White })
            canvas.DrawRect(subject, paint);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    [Fact]
    public void Square_is_the_subjects_longer_side_plus_ten_percent_each_way_centred_on_it()
    {
        var square = SubjectSquare.FromMask(Mask(400, 300, new SKRectI(100, 50, 200, 100)));
        Assert.Equal(new SKRectI(90, 15, 210, 135), square);
    }

    [Fact]
    public void Square_near_an_edge_is_moved_inside_the_image_not_shrunk()
    {
        var square = SubjectSquare.FromMask(Mask(400, 300, new SKRectI(0, 0, 50, 50)));
        Assert.Equal(new SKRectI(0, 0, 60, 60), square);
    }

    [Fact]
    public void Square_is_never_larger_than_the_shorter_side()
    {
        var square = SubjectSquare.FromMask(Mask(400, 300, new SKRectI(0, 0, 400, 300)));
        Assert.Equal(300, square!.Value.Width);
        Assert.Equal(300, square.Value.Height);
    }

    [Fact]
    public void Empty_mask_has_no_square()
        => Assert.Null(SubjectSquare.FromMask(Mask(64, 64, SKRectI.Empty)));
}
