using DreamTuner.Studio.Services.Methods;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Generations;

/// <summary>A chip per chosen character naming the method it will get (trained package, subject-encoder + SSA, SSA only).</summary>
public partial class CharacterMethodChips
{
    /// <summary>The methods of the characters the prompt uses, in chip order. Default none (nothing rendered).</summary>
    [Parameter]
    public IReadOnlyList<CharacterMethod> Methods { get; set; } = [];
}
