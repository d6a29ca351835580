namespace DreamTuner.Studio.Hubs;

/// <summary>SignalR group names of the browser-facing hub: one per generation, per batch/sweep and per project.</summary>
public static class StudioHubGroups
{
    public static string Generation(Guid id) => $"generation:{id:N}";

    public static string Group(Guid id) => $"group:{id:N}";

    public static string Project(Guid id) => $"project:{id:N}";

    public static string Image(Guid id) => $"image:{id:N}";

    public static string Storyboard(Guid id) => $"storyboard:{id:N}";

    /// <summary>Client method carrying a <see cref="Services.Collaboration.CollaborationChange"/> (reviews, comments, presence, feed).</summary>
    public const string CollaborationMethod = "collab";
    public static string FineTune(Guid id) => $"finetune:{id:N}";

    public static string Character(Guid id) => $"character:{id:N}";
}
