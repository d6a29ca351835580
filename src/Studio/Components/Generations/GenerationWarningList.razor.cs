using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Generations;

/// <summary>The engine's warnings stored with a finished generation (no subject-encoder, no mask, a small reference).</summary>
public partial class GenerationWarningList
{
    /// <summary>The warnings, in the engine's order. Default none (nothing rendered).</summary>
    [Parameter]
    public IReadOnlyList<string> Warnings { get; set; } = [];
}
