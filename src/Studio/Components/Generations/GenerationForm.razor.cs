using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Components.Generations;

/// <summary>
/// The Generate form: the project's characters as chips that insert their token into the prompt, prompt (Ctrl+Enter
/// submits; Enter in any single-line field submits too), negative prompt, steps, seed with a dice button, optional
/// init image (img2img) and control image (pose / depth), the DreamTuner knobs and the other advanced settings folded
/// away. The page's service checks every value again.
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

    private const string ImageTypes = ".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp";

    /// <summary>The project's characters, shown as chips above the prompt. Defaults to none (no chip list).</summary>
    [Parameter]
    public IReadOnlyList<CharacterInfo> Characters { get; set; } = [];

    /// <summary>
    /// Which coarse-identity module a model id's folder holds, for the per-character method chips. Defaults to null
    /// (every chip says the engine decides).
    /// </summary>
    [Parameter]
    public Func<string?, Services.Methods.InstalledCoarseIdentity>? CoarseIdentityOf { get; set; }

    private IReadOnlyList<Services.Methods.CharacterMethod> ChosenMethods
    {
        get
        {
            var coarse = CoarseIdentityOf?.Invoke(Model.ModelId) ?? Services.Methods.InstalledCoarseIdentity.Unknown;
            return [.. Characters.Where(InPrompt).Select(c => Services.Methods.CharacterMethod.For(c, coarse, Model.ModelId))];
        }
    }

    /// <summary>Largest init / control image accepted (Uploads:MaxBytes). Defaults to 20 MB.</summary>
    [Parameter]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    private string? UploadError { get; set; }

    private void RollSeed() => Model.Seed = GenerationService.RandomSeed();

    /// <summary>Appends the character's token to the prompt (with a space when needed); the prompt keeps tokens as text.</summary>
    private void InsertToken(CharacterInfo character)
    {
        var prompt = Model.Prompt ?? "";
        Model.Prompt = prompt.Length == 0 || char.IsWhiteSpace(prompt[^1]) ? prompt + character.Token : $"{prompt} {character.Token}";
    }

    private bool InPrompt(CharacterInfo character) =>
        (Model.Prompt ?? "").Contains(character.Token, StringComparison.OrdinalIgnoreCase) || Model.CharacterIds.Contains(character.Id);

    private async Task OnInitImageChosenAsync(IBrowserFile? file)
    {
        if (await ReadAsync(file) is { } image) Model.InitImage = image;
    }

    private async Task OnControlImageChosenAsync(IBrowserFile? file)
    {
        if (await ReadAsync(file) is { } image) Model.ControlImage = image;
    }

    /// <summary>Reads the chosen file (the service checks its type and pixel limits on submit).</summary>
    private async Task<InputImage?> ReadAsync(IBrowserFile? file)
    {
        UploadError = null;
        if (file is null) return null;
        if (file.Size > MaxUploadBytes)
        {
            UploadError = $"{file.Name} is larger than {MaxUploadBytes / (1024 * 1024)} MB.";
            return null;
        }
        await using var stream = file.OpenReadStream(MaxUploadBytes);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return InputImage.Chosen(file.Name, copy.ToArray());
    }

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
