using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Studio.Options;

/// <summary>How the gallery deletes (section Gallery).</summary>
public sealed class GalleryOptions
{
    public const string SectionName = "Gallery";

    /// <summary>How long a deleted image can be brought back with Undo before its row is removed (default 8 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Gallery:UndoWindow (env Gallery__UndoWindow) must be between 00:00:01 and 00:10:00.")]
    public TimeSpan UndoWindow { get; set; } = TimeSpan.FromSeconds(8);
}
