namespace DreamTuner.Engine.Starter;

/// <summary>
/// Sine and cosine of whole degrees using only +, -, * and / (exactly rounded IEEE operations), because
/// Math.Sin/Math.Cos come from the platform's C library and may differ in the last bit between machines,
/// which would break byte-identical rendering.
/// </summary>
public static class DeterministicTrig
{
    public static double SinDegrees(int degrees)
    {
        var d = ((degrees % 360) + 360) % 360;
        // Reduce to [0, 90] with the usual symmetries so the series converges fast.
        return d switch
        {
            <= 90 => SinSeries(d),
            <= 180 => SinSeries(180 - d),
            <= 270 => -SinSeries(d - 180),
            _ => -SinSeries(360 - d),
        };
    }

    public static double CosDegrees(int degrees) => SinDegrees(degrees + 90);

    private static double SinSeries(int degrees)
    {
        var x = degrees * (Math.PI / 180.0);
        var x2 = x * x;
        // Taylor series to x^21: the next term is below 1e-17 on [0, pi/2].
        double term = x, sum = x;
        for (var n = 1; n <= 10; n++)
        {
            term = -term * x2 / ((2 * n) * (2 * n + 1));
            sum += term;
        }
        return sum;
    }
}
