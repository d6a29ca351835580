namespace DreamTuner.Data.Entities;

/// <summary>Why a set of generations was queued together.</summary>
public enum JobGroupKind
{
    /// <summary>"Render panel": the takes of one storyboard panel.</summary>
    PanelRender,

    /// <summary>"Re-render all panels of character X": one generation per panel the character appears in.</summary>
    CharacterRerender,

    /// <summary>A parameter sweep: a grid over two knobs, composed into one labelled image when every cell ended.</summary>
    Sweep,
}
