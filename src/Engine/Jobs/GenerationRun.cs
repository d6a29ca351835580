using DreamTuner.Engine.Pipelines;

namespace DreamTuner.Engine.Jobs;

/// <summary>A finished run: the images, the extra PNG metadata it adds (method, coarse identity module, knobs), and warnings.</summary>
public sealed record GenerationRun(GenerationResult Result, IReadOnlyList<KeyValuePair<string, string>> Metadata, IReadOnlyList<string> Warnings);
