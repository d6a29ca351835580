using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Components.Generations;

/// <summary>
/// The Generate form: prompt (Ctrl+Enter submits; Enter in any single-line field submits too), negative prompt, steps,
/// seed with a dice button, and folded-away advanced settings. The page's service checks every value again.
/// </summary>
public sealed partial class GenerationForm
{
    private static readonly (int Width, int Height)[] Presets = [(512, 512), (512, 768), (768, 512), (768, 768), (1024, 1024)];

    /// <summary>The fields; a new model with the studio's defaults unless given. Defaults to a new model.</summary>
    [Parameter]
    public GenerationFormModel Model { get; set; } = new();

    /// <summary>True while a submission is in flight (disables the button). Defaults to false.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>A refusal to show under the form ("try again in 12 s"). Defaults to null.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>Largest width/height offered (Generation:MaxSide). Defaults to 1024.</summary>
    [Parameter]
    public int MaxSide { get; set; } = 1024;

    /// <summary>Most steps offered (Generation:MaxSteps). Defaults to 150.</summary>
    [Parameter]
    public int MaxSteps { get; set; } = 150;

    /// <summary>
    /// Called with the request on submit; returns whether it was queued. After a queued run the form rolls a new seed
    /// unless "keep seed" is on. Defaults to null (submitting does nothing).
    /// </summary>
    [Parameter]
    public Func<GenerationRequest, Task<bool>>? OnSubmit { get; set; }

    private void RollSeed() => Model.Seed = GenerationService.RandomSeed();

    private async Task PromptKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && (e.CtrlKey || e.MetaKey))
            await SubmitAsync();
    }

    private async Task SubmitAsync()
    {
        if (Busy || OnSubmit is null) return;
        var queued = await OnSubmit(Model.ToRequest());
        if (queued && !Model.KeepSeed)
            RollSeed();
    }
}
