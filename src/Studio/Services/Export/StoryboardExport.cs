namespace DreamTuner.Studio.Services.Export;

/// <summary>Everything the PDF and ZIP writers need, loaded once after the access check.</summary>
public sealed record StoryboardExport(Guid StoryboardId, string ProjectName, string Title, string? Description, IReadOnlyList<ExportPanel> Panels, DateTimeOffset ExportedAt)
{
    /// <summary>A file name made of the title's letters and digits ("pilot-episode").</summary>
    public string FileStem
    {
        get
        {
            var chars = Title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
            var stem = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
            return stem.Length == 0 ? "storyboard" : stem[..Math.Min(stem.Length, 60)];
        }
    }
}
