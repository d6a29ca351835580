namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// One line of the Table-1 style table: the mean of every score over a method's images. A similarity mean is null
/// when no image had that score; <see cref="Note"/> says why a method ran differently or not at all.
/// </summary>
public sealed record SpriteBenchRow
{
    public required string Key { get; init; }
    public required string Method { get; init; }
    public required int Images { get; init; }
    public double? IdentityAccuracy { get; init; }
    public double? EmblemMatch { get; init; }
    public double? PromptAccuracy { get; init; }
    public double? Scene { get; init; }
    public double? Position { get; init; }
    public double? Scale { get; init; }
    public double? Pose { get; init; }
    public double? ClipI { get; init; }
    public double? ClipT { get; init; }
    public double? ResNet { get; init; }
    public double Seconds { get; init; }
    public string? Note { get; init; }

    public static SpriteBenchRow From(string key, string method, IReadOnlyList<SpriteImageScore> scores, double seconds, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new SpriteBenchRow
        {
            Key = key,
            Method = method,
            Images = scores.Count,
            IdentityAccuracy = Mean(scores.Select(s => (double?)s.IdentityAccuracy)),
            EmblemMatch = Mean(scores.Select(s => (double?)s.EmblemMatch)),
            PromptAccuracy = Mean(scores.Select(s => (double?)s.PromptAccuracy)),
            Scene = Mean(scores.Select(s => (double?)s.PromptAttribute("scene"))),
            Position = Mean(scores.Select(s => (double?)s.PromptAttribute("position"))),
            Scale = Mean(scores.Select(s => (double?)s.PromptAttribute("scale"))),
            Pose = Mean(scores.Select(s => (double?)s.PromptAttribute("pose"))),
            ClipI = Mean(scores.Select(s => s.ClipI)),
            ClipT = Mean(scores.Select(s => s.ClipT)),
            ResNet = Mean(scores.Select(s => s.ResNet)),
            Seconds = seconds,
            Note = note,
        };
    }

    /// <summary>A method that could not run (e.g. no subject-encoder in the model folder).</summary>
    public static SpriteBenchRow NotRun(string key, string method, string why) => new() { Key = key, Method = method, Images = 0, Note = why };

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Average();
    }
}
