namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// The few numpy functions diffusers builds its schedules with, reproduced exactly (float64, numpy's element
/// formulas, round-half-to-even) because one-off timesteps or 6th-digit sigma differences change results.
/// </summary>
public static class NumpyMath
{
    /// <summary><c>np.linspace(start, stop, num)</c>: start + i*step, last element exactly stop.</summary>
    public static double[] Linspace(double start, double stop, int num)
    {
        if (num < 1)
            return [];
        var y = new double[num];
        if (num == 1)
        {
            y[0] = start;
            return y;
        }
        var step = (stop - start) / (num - 1);
        for (var i = 0; i < num; i++)
            y[i] = i * step + start;
        y[num - 1] = stop;
        return y;
    }

    /// <summary><c>np.arange(start, stop, step)</c> for a float step: ceil((stop-start)/step) values start + i*step.</summary>
    public static double[] Arange(double start, double stop, double step)
    {
        var n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var y = new double[n];
        for (var i = 0; i < n; i++)
            y[i] = start + i * step;
        return y;
    }

    /// <summary><c>np.round</c>: half to even.</summary>
    public static double Round(double x) => Math.Round(x, MidpointRounding.ToEven);

    /// <summary><c>np.interp(x, arange(len(fp)), fp)</c>: piecewise-linear, clamped to the end values.</summary>
    public static double InterpOnIndex(double x, IReadOnlyList<float> fp)
    {
        if (x <= 0)
            return fp[0];
        var last = fp.Count - 1;
        if (x >= last)
            return fp[last];
        var j = (int)Math.Floor(x);
        double slope = (double)fp[j + 1] - fp[j];
        return slope * (x - j) + fp[j];
    }
}
