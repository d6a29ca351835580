using System.Diagnostics;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Starter.Evaluation;
using TorchSharp;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// A whole SpriteBench run: the quality bar (text-only generations of training identities), the reader's ceiling
/// on ground-truth renders, each method on every held-out subject and target, the convergence curve of the
/// fine-tuning methods, then results.md, results.json, convergence.png and samples.png in the output folder.
/// </summary>
public sealed class SpriteBenchRunner(SpriteBenchGenerator generator, SpriteBenchScorers scorers)
{
    public const string MarkdownFile = "results.md", JsonFile = "results.json", CurveFile = "convergence.png", SamplesFile = "samples.png";

    public SpriteBenchGenerator Generator { get; } = generator;
    public SpriteImageScorer Scorer { get; } = new(scorers);
    public Action<string> Log { get; init; } = _ => { };

    private SpriteBenchOptions Options => Generator.Options;

    public SpriteBenchReport Run(string outDir, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(outDir);
        var total = Stopwatch.StartNew();
        var plan = SpriteBenchPlan.Create(Options);
        var timings = new Dictionary<string, double>();
        var notes = new List<string>();
        Directory.CreateDirectory(outDir);
        var workRoot = Path.Combine(outDir, "work");

        var clock = Stopwatch.StartNew();
        using var model = Generator.LoadModel();
        using var subjectEncoder = Generator.LoadSubjectEncoder(model);
        if (!Generator.HasPoseControlNet) notes.Add("the model has no controlnet-pose/: poses were not conditioned, so pose accuracy is chance.");
        if (subjectEncoder is null) notes.Add("the model has no subject_encoder/ + image_encoder/: the subject-encoder-only row did not run and DreamTuner ran without its coarse identity.");
        timings["load model"] = Lap(clock);

        // 1. Quality bar: training identities from their own captions, text only.
        Log($"quality bar: {plan.BarTargets.Count} text-only images of training identities");
        var barImages = Generator.TextToImage(model, plan.BarTargets, t => StarterCaptions.Caption(t.Example), cancellation);
        var bar = QualityBar.Check(Scorer.Score("bar", barImages, plan.BarTargets, null, measureClipText: false),
            plan.BarTargets.Select(t => t.Example).ToList());
        timings["quality bar"] = Lap(clock);
        var barCeilings = BarCeilings(model, plan.BarTargets);
        timings["quality bar ceilings"] = Lap(clock);

        // 2. The reader's ceiling: the same targets rendered exactly.
        var references = plan.Subjects.ToDictionary(s => s.Name, s => Scorer.Reference(s.Reference, Render(s.Reference)));
        var ceilingScores = plan.Subjects.SelectMany(s =>
            Scorer.Score(s.Name, s.Targets.Select(t => Render(t.Example)).ToList(), s.Targets, references[s.Name])).ToList();
        var ceiling = SpriteBenchRow.From("reader-ceiling", "Reader on ground-truth renders (ceiling)", ceilingScores, Lap(clock));

        // 3. Methods.
        var rows = new List<SpriteBenchRow>();
        var curve = new List<SpriteBenchCurvePoint>();
        var samples = new List<(string, IReadOnlyList<SpriteBenchImage>)>
        {
            ("reference", [Render(plan.Subjects[0].Reference)]),
            ("targets (ground truth)", plan.Subjects[0].Targets.Select(t => Render(t.Example)).ToList()),
        };
        foreach (var method in Options.Methods)
        {
            cancellation.ThrowIfCancellationRequested();
            var key = SpriteBenchMethodNames.Key(method);
            var name = SpriteBenchMethodNames.Display(method);
            if (method == SpriteBenchMethod.SubjectEncoderOnly && subjectEncoder is null)
            {
                rows.Add(SpriteBenchRow.NotRun(key, name, "no subject-encoder in the model folder"));
                continue;
            }
            Log($"method {name}");
            var scores = new List<SpriteImageScore>();
            IReadOnlyList<SpriteBenchImage>? firstImages = null;
            foreach (var subject in plan.Subjects)
            {
                IReadOnlyList<SpriteBenchImage> images;
                if (SpriteBenchMethodNames.NeedsFineTuning(method))
                {
                    var curveScores = new Dictionary<int, List<SpriteImageScore>>();
                    var finalImages = new List<SpriteBenchImage>();
                    bool tracksCurve = method is SpriteBenchMethod.DreamBooth or SpriteBenchMethod.DreamTuner;
                    int steps = method == SpriteBenchMethod.TextualInversion ? Options.TextualInversionSteps : Options.FineTuneSteps;
                    var curveSteps = tracksCurve ? Options.CurveSteps.ToHashSet() : [];
                    var work = Path.Combine(workRoot, $"{key}-{subject.Name}");
                    new SpriteBenchFineTuning(Generator).Run(subject, method, steps, curveSteps, work, (step, tuned, se, token) =>
                    {
                        var taken = FineTunedImages(method, tuned, se, subject, token, cancellation);
                        if (curveSteps.Contains(step))
                        {
                            if (!curveScores.TryGetValue(step, out var list)) curveScores[step] = list = [];
                            list.AddRange(Scorer.Score(subject.Name, taken, subject.Targets, references[subject.Name], measureClipText: false));
                        }
                        if (step == steps) finalImages.AddRange(taken);
                    }, cancellation);
                    Directory.Delete(work, true);
                    foreach (var (step, list) in curveScores)
                        AddCurve(curve, key, name, step, list);
                    images = finalImages;
                }
                else
                {
                    images = method switch
                    {
                        SpriteBenchMethod.TextOnly => Generator.TextToImage(model, subject.Targets, t => t.AttributePrompt, cancellation),
                        SpriteBenchMethod.SelfSubjectAttentionOnly => Generator.WithReference(model, subject, null, true, t => t.ClassPrompt,
                            new SpriteBenchTarget(subject.Reference, 0).ClassPrompt, cancellation),
                        SpriteBenchMethod.SubjectEncoderOnly => Generator.WithReference(model, subject, subjectEncoder, false, t => t.ClassPrompt,
                            new SpriteBenchTarget(subject.Reference, 0).ClassPrompt, cancellation),
                        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a training-free method"),
                    };
                }
                firstImages ??= images;
                scores.AddRange(Scorer.Score(subject.Name, images, subject.Targets, references[subject.Name]));
            }
            var seconds = Lap(clock);
            timings[name] = seconds;
            rows.Add(SpriteBenchRow.From(key, name, scores, seconds,
                method == SpriteBenchMethod.DreamTuner && subjectEncoder is null ? "without subject-encoder (none in the model)" : null));
            samples.Add((name, firstImages ?? []));
        }
        if (Directory.Exists(workRoot)) Directory.Delete(workRoot, true);

        // 4. Files.
        var report = new SpriteBenchReport
        {
            Mode = Options.IsQuick ? "quick" : "full",
            Model = Generator.ModelDir,
            Subjects = plan.Subjects.Count,
            PromptsPerSubject = Options.PromptsPerSubject,
            SamplingSteps = Options.SamplingSteps,
            Scheduler = Options.Scheduler,
            Rows = rows,
            ReaderCeiling = ceiling,
            QualityBar = bar,
            QualityBarCeilings = barCeilings,
            Curve = curve.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Step).ToList(),
            Timings = timings,
            TotalSeconds = total.Elapsed.TotalSeconds,
            LeftOut = Options.LeftOut,
            Notes = notes,
        };
        SpriteBenchFiles.Write(outDir, report, samples);
        return report;
    }

    /// <summary>The images a fine-tuned method shows at inference; before training (token null) the prompt names the class only.</summary>
    private IReadOnlyList<SpriteBenchImage> FineTunedImages(SpriteBenchMethod method, StableDiffusionModel tuned, SubjectEncoderIdentity? se,
        SpriteBenchSubject subject, string? token, CancellationToken cancellation)
    {
        string Prompt(SpriteBenchTarget t) => token is null ? t.ClassPrompt : SubjectPrompt.Rewrite(t.SubjectPrompt, [token]);
        return method == SpriteBenchMethod.DreamTuner
            ? Generator.WithReference(tuned, subject, se, true, Prompt, Prompt(new SpriteBenchTarget(subject.Reference, 0)), cancellation)
            : Generator.TextToImage(tuned, subject.Targets, Prompt, cancellation);
    }

    private static void AddCurve(List<SpriteBenchCurvePoint> curve, string key, string name, int step, List<SpriteImageScore> scores)
    {
        var existing = curve.FindIndex(p => p.Key == key && p.Step == step);
        var all = scores;
        if (existing >= 0)
        {
            // Points accumulate over subjects: weight the earlier mean by its image count.
            var p = curve[existing];
            int n = p.Images + scores.Count;
            curve[existing] = p with
            {
                IdentityAccuracy = (p.IdentityAccuracy * p.Images + scores.Sum(s => s.IdentityAccuracy)) / n,
                EmblemMatch = (p.EmblemMatch * p.Images + scores.Sum(s => s.EmblemMatch)) / n,
                Images = n,
            };
            return;
        }
        curve.Add(new SpriteBenchCurvePoint(key, name, step, all.Average(s => s.IdentityAccuracy), all.Average(s => s.EmblemMatch), all.Count));
    }

    private QualityBarCeilings BarCeilings(StableDiffusionModel model, IReadOnlyList<SpriteBenchTarget> targets)
    {
        var renders = targets.Select(t => Render(t.Example)).ToList();
        IReadOnlyList<SpriteBenchImage> roundTrips;
        using (torch.NewDisposeScope())
            roundTrips = SpriteBenchImage.FromPipeline(SpriteImages.VaeRoundTrip(model.Vae, SpriteBenchImage.Stack(renders)) * 2 - 1);
        return new QualityBarCeilings(
            QualityBar.Check(Scorer.Score("bar-renders", renders, targets, null, measureClipText: false)),
            QualityBar.Check(Scorer.Score("bar-vae", roundTrips, targets, null, measureClipText: false)));
    }

    private SpriteBenchImage Render(StarterExample example) => SpriteBenchImage.FromRendering(StarterRenderer.Render(example, Options.ImageSize));

    private static double Lap(Stopwatch clock)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return seconds;
    }
}
