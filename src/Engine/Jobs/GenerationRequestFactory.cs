using System.Globalization;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Turns a stored <see cref="Generation"/> into the pipeline's base request (text settings; images and characters are
/// added by <see cref="GenerationRunner"/>) and the PNG's parameters.
/// </summary>
public static class GenerationRequestFactory
{
    public static GenerationRequest Create(Generation g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var request = new GenerationRequest
        {
            Prompt = g.Prompt,
            NegativePrompt = g.NegativePrompt ?? "",
            Steps = g.Steps,
            Scheduler = SchedulerName(g.Scheduler),
            GuidanceScale = g.GuidanceScale,
            Seed = g.Seed,
            Width = g.Width,
            Height = g.Height,
            BatchSize = g.BatchSize,
        };
        try
        {
            request.Validate();
        }
        catch (ArgumentException e)
        {
            throw new GenerationFailedException($"The generation's settings are invalid: {e.Message}", e);
        }
        return request;
    }

    public static string SchedulerName(SchedulerKind kind) => kind switch
    {
        SchedulerKind.Ddim => SchedulerFactory.Ddim,
        SchedulerKind.DpmSolverPlusPlus2M => SchedulerFactory.DpmPlusPlus2M,
        SchedulerKind.DpmSolverPlusPlus2MKarras => SchedulerFactory.DpmPlusPlus2MKarras,
        SchedulerKind.EulerAncestral => SchedulerFactory.EulerAncestral,
        SchedulerKind.Pndm => SchedulerFactory.Pndm,
        SchedulerKind.Euler => SchedulerFactory.Euler,
        _ => throw new GenerationFailedException($"Scheduler {kind} does not exist in this engine."),
    };

    /// <summary>A1111-style parameters of image <paramref name="index"/> of the batch.</summary>
    public static GenerationInfo Info(Generation g, string modelHash, int index, int width, int height,
        IEnumerable<KeyValuePair<string, string>>? method = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        var extra = new List<KeyValuePair<string, string>>(method ?? []);
        if (g.BatchSize > 1)
        {
            extra.Add(new("Batch size", g.BatchSize.ToString(CultureInfo.InvariantCulture)));
            extra.Add(new("Batch pos", index.ToString(CultureInfo.InvariantCulture)));
        }
        return GenerationInfo.Create(g.Prompt, g.NegativePrompt ?? "", g.Steps, SchedulerName(g.Scheduler), g.GuidanceScale,
            g.Seed, width, height, modelHash, g.ModelId, extra);
    }
}
