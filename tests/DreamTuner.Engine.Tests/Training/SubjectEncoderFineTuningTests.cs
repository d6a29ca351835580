using DreamTuner.Engine.Characters;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Tests.DreamTuner;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Vision;
using DreamTuner.Engine.Training;

namespace DreamTuner.Engine.Tests.Training;

/// <summary>DreamTuner section 3.3, improvement 3: the subject-encoder is trained with the text-to-image model.</summary>
public sealed class SubjectEncoderFineTuningTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-se-finetune");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Subject_encoder_resblocks_train_while_clip_and_the_rest_of_the_encoder_stay_frozen_and_the_package_needs_the_encoder()
    {
        using var model = TinyFineTune.Load();
        var path = TinySubjectEncoder.WriteRandomFile(model.Unet, _dir);
        using var identity = SubjectEncoderFile.Load(path, model.Unet, TinyClipVision.Create(1));
        var encoder = TinyFineTune.Snapshot(identity.Encoder);
        var clip = TinyFineTune.Snapshot(identity.Clip);
        var tuner = new SubjectFineTuner(model) { SubjectEncoder = identity };
        using var trained = tuner.Run(TinyFineTune.Request(Path.Combine(_dir, "work"), TinyFineTune.Options(steps: 2)));

        foreach (var (key, before) in clip)
            Assert.True(before.equal(identity.Clip.state_dict()[key]).all().item<bool>(), $"CLIP {key} changed");
        foreach (var (key, before) in encoder)
        {
            bool same = before.equal(identity.Encoder.state_dict()[key]).all().item<bool>();
            if (!key.StartsWith("res_blocks.", StringComparison.Ordinal))
                Assert.True(same, $"subject-encoder {key} changed but only the ResBlocks train");
        }
        Assert.Contains(trained.Deltas.Keys, k => k.StartsWith("subject_encoder.res_blocks.", StringComparison.Ordinal));
        // LoRA also sits on the S-E-A layers once they are installed.
        Assert.Contains(trained.Lora!.Adapters.Keys, k => k.Contains(".attn_se.", StringComparison.Ordinal));

        var package = Path.Combine(_dir, "mira.safetensors");
        CharacterPackage.Save(package, model, trained);
        Assert.True(CharacterManifest.Read(package).SubjectEncoder);
        using var fresh = TinyFineTune.Load();
        using var freshIdentity = SubjectEncoderFile.Load(path, fresh.Unet, TinyClipVision.Create(1));
        using var character = CharacterPackage.Load(fresh, package, freshIdentity);
        foreach (var (key, value) in identity.Encoder.state_dict())
            TinyDreamTuner.AssertClose(value, freshIdentity.Encoder.state_dict()[key], 1e-6, key);
    }
}
