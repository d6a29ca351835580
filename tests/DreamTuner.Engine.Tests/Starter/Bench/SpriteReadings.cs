using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Bench;
using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Tests.Starter.Bench;

/// <summary>Readings for tests: the exact truth of an example, and fake scorers built on a reader.</summary>
public static class SpriteReadings
{
    public static SpriteReading Truth(StarterExample example)
    {
        var id = example.Identity;
        var cells = new List<bool>();
        for (int row = 0; row < EmblemGlyphs.Cells; row++)
            for (int column = 0; column < 3; column++)
                cells.Add(EmblemGlyphs.IsSet(id.Emblem, row, column));
        return new SpriteReading(id.Shape, id.BodyColour, id.Pattern, id.PatternColour, id.Eyes, id.Accessory, id.AccessoryColour, cells,
            example.Scene, example.Horizontal, example.Vertical, example.Scale, example.Pose);
    }

    public static SceneKind OtherScene(SceneKind scene) => (SceneKind)(((int)scene + 1) % Enum.GetValues<SceneKind>().Length);

    public static StarterColour OtherColour(StarterColour colour) => (StarterColour)(((int)colour + 1) % Enum.GetValues<StarterColour>().Length);

    public static SpriteBenchScorers Scorers(FakeSpriteReader reader) =>
        new(reader, ExactAttributeMatcher.Instance, new MeanColourEmbedder(), new HashTextEmbedder(), new MeanColourEmbedder());
}
