namespace DreamTuner.Data.Entities;

/// <summary>A history entry: which take was chosen for a panel, by whom, and when.</summary>
public class PanelVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PanelId { get; set; }

    public Panel? Panel { get; set; }

    public Guid ImageId { get; set; }

    public Image? Image { get; set; }

    public Guid? ChosenById { get; set; }

    public StudioUser? ChosenBy { get; set; }

    public DateTimeOffset ChosenAt { get; set; }
}
