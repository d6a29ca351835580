namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// What an attribute reader sees in one image of the starter world: every identity and scene attribute the generator
/// labels. The emblem is read as its 15 free glyph cells (<see cref="EmblemGlyphs"/>: left half of a symmetric 5x5
/// bitmap, row by row) rather than as one of 1024 ids, so emblems held out of training can still be matched cell by cell.
/// </summary>
public sealed record SpriteReading(
    BodyShape Shape,
    StarterColour BodyColour,
    BodyPattern Pattern,
    StarterColour? PatternColour,
    EyeKind Eyes,
    Accessory Accessory,
    StarterColour? AccessoryColour,
    IReadOnlyList<bool> EmblemCells,
    SceneKind Scene,
    HorizontalPosition Horizontal,
    VerticalPosition Vertical,
    SpriteScale Scale,
    SpritePose Pose);
