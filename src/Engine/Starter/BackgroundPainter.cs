namespace DreamTuner.Engine.Starter;

/// <summary>
/// Draws the scenes. Each has a fixed palette and layout that makes it recognisable (sky/ground colours,
/// landmarks such as the sun, moon, buildings or trees) plus details placed by the example's background seed,
/// so no two backgrounds of a scene are identical.
/// </summary>
public static class BackgroundPainter
{
    /// <summary>The background alone, as row-major RGB bytes: every pixel the sprite does not touch is exactly this.</summary>
    public static byte[] Paint(SceneKind scene, int size, ulong seed)
    {
        var canvas = new BackgroundCanvas(size);
        var random = new DeterministicRandom(DeterministicRandom.Mix(seed, (ulong)scene));
        switch (scene)
        {
            case SceneKind.Snow: Snow(canvas, random); break;
            case SceneKind.Beach: Beach(canvas, random); break;
            case SceneKind.Jungle: Jungle(canvas, random); break;
            case SceneKind.Night: Night(canvas, random); break;
            case SceneKind.City: City(canvas, random); break;
            case SceneKind.PlainWhite: canvas.Rect(new Rgb(255, 255, 255), 0, 0, 1, 1); break;
            case SceneKind.Desert: Desert(canvas, random); break;
            case SceneKind.Underwater: Underwater(canvas, random); break;
            default: throw new ArgumentOutOfRangeException(nameof(scene), scene, "SceneKind does not exist");
        }
        return canvas.Pixels;
    }

    private static void Snow(BackgroundCanvas c, DeterministicRandom r)
    {
        c.VerticalGradient(new Rgb(185, 205, 230), new Rgb(225, 235, 248), 0, 0.6);
        // Rolling snow hills: a ground line that rises and falls (triangle wave) from a random phase.
        double phase = r.NextDouble(), height = 0.55 + 0.05 * r.NextDouble();
        for (var i = 0; i < 4; i++)
        {
            // Pine trees on the horizon (dark green triangles), drawn first so the snow hills hide their feet.
            double tx = r.NextDouble(), ty = height + 0.04;
            c.Fill(new Rgb(40, 90, 70), (x, y) => y <= ty && y >= ty - 0.22 && Math.Abs(x - tx) <= (y - (ty - 0.22)) * 0.35);
        }
        c.Fill(new Rgb(248, 250, 255), (x, y) => y >= height + 0.06 * TriangleWave(x * 1.5 + phase));
        for (var i = 0; i < 30; i++)
            c.Dot(new Rgb(255, 255, 255), r.NextDouble(), r.NextDouble() * 0.6);
        for (var i = 0; i < 25; i++)
            c.Dot(new Rgb(200, 215, 235), r.NextDouble(), 0.6 + r.NextDouble() * 0.4);
    }

    private static void Beach(BackgroundCanvas c, DeterministicRandom r)
    {
        c.VerticalGradient(new Rgb(90, 170, 235), new Rgb(170, 215, 245), 0, 0.45);
        var sunX = r.Next(2) == 0 ? 0.15 : 0.85;
        c.Circle(new Rgb(255, 225, 80), sunX, 0.12, 0.08);
        c.VerticalGradient(new Rgb(20, 110, 190), new Rgb(40, 150, 200), 0.45, 0.62);
        for (var i = 0; i < 8; i++)
        {
            // White wave crests on the sea.
            double wx = r.NextDouble(), wy = 0.47 + r.NextDouble() * 0.13;
            c.Rect(new Rgb(220, 240, 250), wx, wy, wx + 0.08, wy + 0.012);
        }
        c.VerticalGradient(new Rgb(240, 215, 150), new Rgb(225, 190, 120), 0.62, 1);
        for (var i = 0; i < 30; i++)
            c.Dot(new Rgb(200, 165, 100), r.NextDouble(), 0.62 + r.NextDouble() * 0.38);
    }

    private static void Jungle(BackgroundCanvas c, DeterministicRandom r)
    {
        c.Rect(new Rgb(20, 70, 30), 0, 0, 1, 1);
        for (var i = 0; i < 5; i++)
        {
            var tx = r.NextDouble();
            c.Rect(new Rgb(85, 55, 30), tx - 0.03, 0, tx + 0.03, 1);
        }
        for (var i = 0; i < 40; i++)
        {
            // Leaves: ellipses in varied greens, long in x or in y.
            var shade = new Rgb((byte)r.Next(20, 70), (byte)r.Next(110, 190), (byte)r.Next(30, 70));
            double lx = r.NextDouble(), ly = r.NextDouble() * 0.85, rx = 0.04 + 0.05 * r.NextDouble();
            if (r.Next(2) == 0)
                c.Ellipse(shade, lx, ly, rx, rx * 0.45);
            else
                c.Ellipse(shade, lx, ly, rx * 0.45, rx);
        }
        c.Rect(new Rgb(60, 45, 25), 0, 0.88, 1, 1);
    }

    private static void Night(BackgroundCanvas c, DeterministicRandom r)
    {
        c.VerticalGradient(new Rgb(8, 10, 35), new Rgb(30, 35, 85), 0, 0.85);
        for (var i = 0; i < 40; i++)
            c.Dot(r.Next(3) == 0 ? new Rgb(255, 240, 150) : new Rgb(240, 240, 255), r.NextDouble(), r.NextDouble() * 0.8);
        // A crescent moon: a pale disc with a sky-coloured disc over part of it.
        double mx = 0.15 + 0.7 * r.NextDouble(), my = 0.15;
        c.Circle(new Rgb(250, 245, 200), mx, my, 0.08);
        c.Circle(new Rgb(10, 12, 40), mx + 0.04, my - 0.02, 0.07);
        c.Rect(new Rgb(15, 15, 25), 0, 0.85, 1, 1);
    }

    private static void City(BackgroundCanvas c, DeterministicRandom r)
    {
        c.VerticalGradient(new Rgb(150, 185, 225), new Rgb(200, 215, 235), 0, 0.8);
        var x = -0.05;
        while (x < 1)
        {
            double width = 0.12 + 0.1 * r.NextDouble(), top = 0.15 + 0.4 * r.NextDouble();
            var grey = (byte)r.Next(80, 140);
            var wall = new Rgb(grey, grey, (byte)(grey + 10));
            double left = x, right = x + width;
            c.Rect(wall, left, top, right - 0.01, 0.8);
            // Windows: a lit grid inside each building.
            c.Fill(new Rgb(240, 215, 110), (px, py) =>
                px > left + 0.02 && px < right - 0.03 && py > top + 0.03 && py < 0.78 &&
                Frac((px - left) / 0.05) < 0.5 && Frac((py - top) / 0.06) < 0.5);
            x = right;
        }
        c.Rect(new Rgb(50, 50, 55), 0, 0.8, 1, 1);
        c.Fill(new Rgb(235, 235, 235), (px, py) => py > 0.89 && py < 0.91 && Frac(px / 0.12) < 0.5);
    }

    private static void Desert(BackgroundCanvas c, DeterministicRandom r)
    {
        c.VerticalGradient(new Rgb(250, 180, 110), new Rgb(255, 225, 170), 0, 0.6);
        c.Circle(new Rgb(255, 250, 210), 0.2 + 0.6 * r.NextDouble(), 0.14, 0.07);
        double phase = r.NextDouble();
        c.Fill(new Rgb(225, 165, 85), (x, y) => y >= 0.55 + 0.07 * TriangleWave(x + phase));
        c.Fill(new Rgb(205, 140, 65), (x, y) => y >= 0.75 + 0.05 * TriangleWave(x * 1.3 + phase + 0.5));
        for (var i = 0; i < 2; i++)
        {
            // Cacti: a green trunk with two arms.
            double cx = 0.1 + 0.8 * r.NextDouble(), base_ = 0.62 + 0.1 * r.NextDouble();
            var green = new Rgb(60, 130, 60);
            c.Rect(green, cx - 0.02, base_ - 0.2, cx + 0.02, base_);
            c.Rect(green, cx - 0.07, base_ - 0.12, cx - 0.02, base_ - 0.09);
            c.Rect(green, cx - 0.07, base_ - 0.17, cx - 0.045, base_ - 0.09);
            c.Rect(green, cx + 0.02, base_ - 0.1, cx + 0.07, base_ - 0.07);
            c.Rect(green, cx + 0.045, base_ - 0.15, cx + 0.07, base_ - 0.07);
        }
    }

    private static void Underwater(BackgroundCanvas c, DeterministicRandom r)
    {
        c.VerticalGradient(new Rgb(20, 120, 170), new Rgb(5, 40, 95), 0, 1);
        for (var i = 0; i < 6; i++)
        {
            // Seaweed: a zigzag green stalk rising from the sea floor.
            double sx = r.NextDouble(), top = 0.45 + 0.3 * r.NextDouble(), phase = r.NextDouble();
            c.Fill(new Rgb(30, 140, 80), (x, y) => y >= top && Math.Abs(x - sx - 0.02 * TriangleWave(y * 8 + phase)) <= 0.015);
        }
        for (var i = 0; i < 12; i++)
        {
            double bx = r.NextDouble(), by = r.NextDouble() * 0.8, br = 0.012 + 0.02 * r.NextDouble();
            c.Fill(new Rgb(170, 225, 245), (x, y) => Region.Ring(x, y, bx, by, br * 0.55, br));
        }
        c.Fill(new Rgb(200, 180, 120), (x, y) => y >= 0.9 + 0.03 * TriangleWave(x * 2));
    }

    /// <summary>A wave between -1 and 1 with period 1, built from straight lines (no Math.Sin).</summary>
    private static double TriangleWave(double t) => 4 * Math.Abs(Frac(t) - 0.5) - 1;

    private static double Frac(double t) => t - Math.Floor(t);
}
