using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class StarterContactSheetTests
{
    // Kept in artifacts/ so a person can look at the world (the test itself only checks the file decodes).
    [Fact]
    public void Contact_sheet_of_sixteen_training_samples_is_written_to_artifacts()
    {
        var world = new StarterWorld(seed: 7);
        var renderings = Enumerable.Range(0, 16).Select(i => StarterRenderer.Render(world.TrainingExample(i))).ToList();
        var (rgb, width, height) = StarterContactSheet.Compose(renderings);

        var dir = Path.Combine(TestPaths.RepoRoot, "artifacts", "starter");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "contact_sheet.png");
        File.WriteAllBytes(path, StarterPng.EncodeRgb(rgb, width, height));
        File.WriteAllLines(Path.Combine(dir, "contact_sheet.txt"),
            Enumerable.Range(0, 16).Select(i => $"{i}: {StarterCaptions.DetailedCaption(world.TrainingExample(i))}"));

        var decoded = StarterPng.DecodeRgb(File.ReadAllBytes(path));
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal(rgb, decoded.Rgb);
    }

    // The same identities large (128 px, 3x) so faces, patterns and emblems can be checked by eye.
    [Fact]
    public void Large_contact_sheet_shows_attribute_details()
    {
        var world = new StarterWorld(seed: 7);
        var renderings = Enumerable.Range(0, 8).Select(i => StarterRenderer.Render(world.TrainingExample(i) with { Scale = SpriteScale.Large }, 128)).ToList();
        var (rgb, width, height) = StarterContactSheet.Compose(renderings, columns: 2, zoom: 2);
        var dir = Path.Combine(TestPaths.RepoRoot, "artifacts", "starter");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "contact_sheet_large.png"), StarterPng.EncodeRgb(rgb, width, height));
        Assert.True(width > 128 && height > 128);
    }
}
