namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// The fixed subjects, targets and seeds of a run, all drawn from the world by index: held-out subjects alternate
/// the held-out-identity and held-out-emblem splits, each target is <see cref="StarterWorld.InAnotherScene"/> of the
/// reference (another scene and pose, position and scale drawn afresh), and the quality bar uses training examples.
/// </summary>
public sealed record SpriteBenchPlan(IReadOnlyList<SpriteBenchSubject> Subjects, IReadOnlyList<SpriteBenchTarget> BarTargets)
{
    public static SpriteBenchPlan Create(SpriteBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var world = new StarterWorld(options.WorldSeed);
        long seed = options.SeedBase;
        var subjects = new List<SpriteBenchSubject>();
        for (int i = 0; i < options.Subjects; i++)
        {
            var split = i % 2 == 0 ? StarterSplitKind.HeldOutIdentity : StarterSplitKind.HeldOutEmblem;
            var reference = world.Example(split, i / 2);
            var targets = new List<SpriteBenchTarget>();
            for (int v = 0; v < options.PromptsPerSubject; v++)
                targets.Add(new SpriteBenchTarget(world.InAnotherScene(reference, v), seed++));
            subjects.Add(new SpriteBenchSubject($"{StarterSplit.Name(split)}-{i / 2}", split, reference, targets));
        }
        var bar = new List<SpriteBenchTarget>();
        for (int i = 0; i < options.BarSamples; i++)
            bar.Add(new SpriteBenchTarget(world.TrainingExample(i), seed++));
        return new SpriteBenchPlan(subjects, bar);
    }
}
