namespace DreamTuner.Engine.Starter.Bench;

/// <summary>Writes a report's files: results.md, results.json, convergence.png (when there is a curve) and samples.png.</summary>
public static class SpriteBenchFiles
{
    public static void Write(string outDir, SpriteBenchReport report, IReadOnlyList<(string Label, IReadOnlyList<SpriteBenchImage> Images)> samples)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, SpriteBenchRunner.MarkdownFile), SpriteBenchMarkdown.Write(report));
        File.WriteAllText(Path.Combine(outDir, SpriteBenchRunner.JsonFile), SpriteBenchJson.Write(report));
        if (report.Curve.Count > 0)
            File.WriteAllBytes(Path.Combine(outDir, SpriteBenchRunner.CurveFile), ConvergencePlot.Render(report.Curve));
        File.WriteAllBytes(Path.Combine(outDir, SpriteBenchRunner.SamplesFile), SampleGrid.Render(samples.Where(s => s.Images.Count > 0).ToList()));
    }
}
