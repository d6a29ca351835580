using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components.Forms;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>The file the user chose (by picker, drop or paste) and what they typed about the character.</summary>
public sealed record CharacterUploadRequest(IBrowserFile File, CharacterDraft Draft);
