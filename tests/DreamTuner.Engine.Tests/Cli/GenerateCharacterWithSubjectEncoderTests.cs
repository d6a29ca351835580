using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Tests.DreamTuner;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Training;
using DreamTuner.Engine.Tests.Vision;
using DreamTuner.Engine.Training;

namespace DreamTuner.Engine.Tests.Cli;

/// <summary>
/// <c>generate --subject-encoder FILE --character PACKAGE</c> where the package carries subject-encoder deltas: the
/// order is base model, then the subject-encoder, then the package's deltas on top of it.
/// </summary>
public sealed class GenerateCharacterWithSubjectEncoderTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-cli-character-se");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void The_packages_subject_encoder_deltas_are_applied_on_top_of_the_loaded_subject_encoder()
    {
        // A character trained with a subject-encoder, and the same package with its subject-encoder deltas removed.
        string subjectEncoder, imageEncoder = Path.Combine(_dir, "image_encoder");
        var package = Path.Combine(_dir, "mira.safetensors");
        var stripped = Path.Combine(_dir, "mira-stripped.safetensors");
        using (var model = TinyFineTune.Load())
        {
            subjectEncoder = TinySubjectEncoder.WriteRandomFile(model.Unet, _dir);
            using (var clip = TinyClipVision.Create(1)) clip.Save(imageEncoder);
            using var identity = SubjectEncoderFile.Load(subjectEncoder, model.Unet, TinyClipVision.Create(1));
            var tuner = new SubjectFineTuner(model) { SubjectEncoder = identity };
            using var trained = tuner.Run(TinyFineTune.Request(Path.Combine(_dir, "work"), TinyFineTune.Options(steps: 2)));
            Assert.Contains(trained.Deltas.Keys, k => k.StartsWith("subject_encoder.", StringComparison.Ordinal));
            CharacterPackage.Save(package, model, trained);
        }
        var tensors = StateDict.Read(package);
        StateDict.Write(stripped, tensors.Where(kv => !kv.Key.StartsWith("delta.subject_encoder.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value));
        foreach (var t in tensors.Values) t.Dispose();
        (CharacterManifest.Read(package) with { SubjectEncoder = false }).Save(CharacterManifest.PathFor(stripped));

        EngineProcess.Result Generate(string character, string output, bool withEncoder = true) => EngineProcess.Run(
            ["generate", "--model", TestPaths.TinySd15, "--prompt", "a dog [S*] in the snow", "--steps", "2", "--scheduler", "ddim",
             "--seed", "3", "--width", "32", "--height", "32", "--out", output, "--reference", Path.Combine(TestPaths.Images, "horse-cutout.png"),
             "--character", character, .. withEncoder ? new[] { "--subject-encoder", subjectEncoder, "--image-encoder", imageEncoder } : []]);

        var full = Generate(package, Path.Combine(_dir, "full.png"));
        var without = Generate(stripped, Path.Combine(_dir, "stripped.png"));
        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_dir, "full.png")), File.ReadAllBytes(Path.Combine(_dir, "stripped.png")));

        var missing = Generate(package, Path.Combine(_dir, "missing.png"), withEncoder: false);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("subject-encoder", Assert.Single(missing.ErrorLines));
    }
}
