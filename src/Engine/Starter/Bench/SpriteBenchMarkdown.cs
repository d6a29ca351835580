using System.Globalization;
using System.Text;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>results.md: the Table-1 style table, the quality bar, the reader's ceiling, the curve and the timings.</summary>
public static class SpriteBenchMarkdown
{
    public static string Write(SpriteBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine("# SpriteBench results").AppendLine();
        md.AppendLine(Inv($"Mode: **{report.Mode}**, model `{report.Model}`, {report.Subjects} held-out subjects x {report.PromptsPerSubject} prompts, {report.SamplingSteps} sampling steps ({report.Scheduler}), {report.TotalSeconds:F0} s in all."));
        md.AppendLine();
        md.AppendLine("## Methods (as the paper's Table 1)").AppendLine();
        md.AppendLine("| method | images | identity | emblem | prompt | scene | position | scale | pose | CLIP-I | CLIP-T | ResNet-18 | seconds | note |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in report.Rows)
            md.AppendLine(Line(row));
        md.AppendLine(Line(report.ReaderCeiling));
        md.AppendLine();
        md.AppendLine("Identity: fraction of the subject's attributes the reader reads back; emblem: fraction of the 15 free glyph cells; ");
        md.AppendLine("prompt: mean of scene, position, scale and pose read as asked; CLIP-I and ResNet-18: cosine between generated and ");
        md.AppendLine("reference subject regions; CLIP-T: generated image vs the prompt without [S*]. The last line is the reader on the ");
        md.AppendLine("ground-truth renders of the same targets: the most any method can score with this reader.").AppendLine();

        var bar = report.QualityBar;
        md.AppendLine("## Quality bar (text-only, training identities)").AppendLine();
        md.AppendLine("| number | measured | bar | result |").AppendLine("|---|---|---|---|");
        md.AppendLine(Inv($"| identity attribute accuracy | {bar.IdentityAccuracy:F3} | {bar.IdentityThreshold:F2} | {(bar.IdentityPassed ? "pass" : "**FAIL**")} |"));
        md.AppendLine(Inv($"| scene accuracy | {bar.SceneAccuracy:F3} | {bar.SceneThreshold:F2} | {(bar.ScenePassed ? "pass" : "**FAIL**")} |"));
        md.AppendLine().AppendLine(Inv($"{bar.Samples} images; the bar {(bar.Passed ? "is met" : "is NOT met")}.")).AppendLine();
        if (bar.PerAttribute.Count > 0)
            md.AppendLine("Identity by attribute: " + string.Join(", ", bar.PerAttribute.Select(kv => Inv($"{kv.Key} {kv.Value:F2}"))) + ".").AppendLine();
        if (bar.PerSize.Count > 0)
            md.AppendLine("Identity by sprite size: " + string.Join(", ", bar.PerSize.Select(kv => Inv($"{kv.Key} {kv.Value:F2}"))) + ".").AppendLine();
        if (report.QualityBarCeilings is { } ceilings)
        {
            md.AppendLine(Inv($"The same targets without the UNet: rendered exactly the reader reads {ceilings.Renders.IdentityAccuracy:F3} of the named attributes, "));
            md.AppendLine(Inv($"after the model's VAE (encode, decode) {ceilings.VaeRoundTrips.IdentityAccuracy:F3} ("));
            md.AppendLine(string.Join(", ", ceilings.VaeRoundTrips.PerAttribute.Select(kv => Inv($"{kv.Key} {kv.Value:F2}"))) + "): ");
            md.AppendLine("the most a perfect UNet could score, as every generated image leaves through that decoder.").AppendLine();
        }

        if (report.Curve.Count > 0)
        {
            md.AppendLine("## Convergence (identity fidelity against fine-tuning steps, convergence.png)").AppendLine();
            md.AppendLine("| method | step | identity | emblem | images |").AppendLine("|---|---|---|---|---|");
            foreach (var p in report.Curve)
                md.AppendLine(Inv($"| {p.Method} | {p.Step} | {p.IdentityAccuracy:F3} | {p.EmblemMatch:F3} | {p.Images} |"));
            md.AppendLine();
        }

        md.AppendLine("## Timings").AppendLine();
        md.AppendLine("| phase | seconds |").AppendLine("|---|---|");
        foreach (var (phase, seconds) in report.Timings)
            md.AppendLine(Inv($"| {phase} | {seconds:F1} |"));
        md.AppendLine();
        if (report.LeftOut.Count > 0)
        {
            md.AppendLine("## Left out in this mode").AppendLine();
            foreach (var item in report.LeftOut) md.AppendLine($"- {item}");
            md.AppendLine();
        }
        if (report.Notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var note in report.Notes) md.AppendLine($"- {note}");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string Line(SpriteBenchRow row) =>
        $"| {row.Method} | {row.Images} | {F(row.IdentityAccuracy)} | {F(row.EmblemMatch)} | {F(row.PromptAccuracy)} | {F(row.Scene)} | " +
        $"{F(row.Position)} | {F(row.Scale)} | {F(row.Pose)} | {F(row.ClipI)} | {F(row.ClipT)} | {F(row.ResNet)} | " +
        $"{row.Seconds.ToString("F1", CultureInfo.InvariantCulture)} | {row.Note ?? ""} |";

    private static string F(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
