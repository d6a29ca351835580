namespace DreamTuner.Data.Entities;

/// <summary>What a member may do in a project; stored as text so new roles need no data migration.</summary>
public enum ProjectRole
{
    Viewer,
    Editor,
    Owner,
}
