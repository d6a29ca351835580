namespace DreamTuner.Studio.Components.Pages.Projects;

public sealed class NewProjectModel
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }
}
