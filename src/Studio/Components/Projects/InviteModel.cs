using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Components.Projects;

/// <summary>The mutable form model of the invite row.</summary>
public sealed class InviteModel
{
    public string UserNameOrEmail { get; set; } = "";

    public ProjectRole Role { get; set; } = ProjectRole.Editor;
}
