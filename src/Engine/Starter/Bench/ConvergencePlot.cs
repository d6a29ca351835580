using SkiaSharp;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>convergence.png: identity fidelity (y, 0..1) against fine-tuning steps (x), one coloured line per method, with axes, ticks and a legend.</summary>
public static class ConvergencePlot
{
    private const int Width = 720, Height = 440, Left = 70, Right = 200, Top = 40, Bottom = 60;
    private static readonly SKColor[] Colours = [new(31, 119, 180), new(214, 39, 40), new(44, 160, 44), new(148, 103, 189)];

    public static byte[] Render(IReadOnlyList<SpriteBenchCurvePoint> points, string title = "Identity fidelity vs fine-tuning steps")
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("the curve has no points.");
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = BenchFonts.Typeface();
        using var font = new SKFont(typeface, 13);
        using var titleFont = new SKFont(typeface, 16);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 1.5f, Style = SKPaintStyle.Stroke };
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1 };

        int maxStep = Math.Max(1, points.Max(p => p.Step));
        float plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        float X(int step) => Left + plotW * step / maxStep;
        float Y(double value) => Top + plotH * (float)(1 - Math.Clamp(value, 0, 1));

        // Axes with ticks: y every 0.2, x at each measured step.
        for (int i = 0; i <= 5; i++)
        {
            float y = Y(i / 5.0);
            canvas.DrawLine(Left, y, Left + plotW, y, grid);
            canvas.DrawText((i / 5.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), Left - 8, y + 4, SKTextAlign.Right, font, text);
        }
        foreach (var step in points.Select(p => p.Step).Distinct().Order())
        {
            canvas.DrawLine(X(step), Top + plotH, X(step), Top + plotH + 5, ink);
            canvas.DrawText(step.ToString(System.Globalization.CultureInfo.InvariantCulture), X(step), Top + plotH + 20, SKTextAlign.Center, font, text);
        }
        canvas.DrawLine(Left, Top, Left, Top + plotH, ink);
        canvas.DrawLine(Left, Top + plotH, Left + plotW, Top + plotH, ink);
        canvas.DrawText("fine-tuning steps", Left + plotW / 2, Height - 15, SKTextAlign.Center, font, text);
        canvas.Save();
        canvas.RotateDegrees(-90, 18, Top + plotH / 2);
        canvas.DrawText("identity attribute accuracy", 18, Top + plotH / 2, SKTextAlign.Center, font, text);
        canvas.Restore();
        canvas.DrawText(title, Width / 2f, 24, SKTextAlign.Center, titleFont, text);

        int index = 0;
        foreach (var method in points.GroupBy(p => p.Method))
        {
            using var line = new SKPaint { Color = Colours[index % Colours.Length], IsAntialias = true, StrokeWidth = 2.5f, Style = SKPaintStyle.Stroke };
            using var dot = new SKPaint { Color = line.Color, IsAntialias = true, Style = SKPaintStyle.Fill };
            var ordered = method.OrderBy(p => p.Step).ToList();
            using var path = new SKPath();
            path.MoveTo(X(ordered[0].Step), Y(ordered[0].IdentityAccuracy));
            foreach (var p in ordered.Skip(1)) path.LineTo(X(p.Step), Y(p.IdentityAccuracy));
            canvas.DrawPath(path, line);
            foreach (var p in ordered) canvas.DrawCircle(X(p.Step), Y(p.IdentityAccuracy), 4, dot);
            float ly = Top + 20 + index * 22;
            canvas.DrawLine(Width - Right + 15, ly - 4, Width - Right + 40, ly - 4, line);
            canvas.DrawText(method.Key, Width - Right + 46, ly, SKTextAlign.Left, font, text);
            index++;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
