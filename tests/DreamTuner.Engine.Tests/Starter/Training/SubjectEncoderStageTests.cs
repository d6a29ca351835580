using DreamTuner.Data.Jobs;
using System.Text.Json.Nodes;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Training;

[Collection(GlobalRngCollection.Name)]
public sealed class SubjectEncoderStageTests(TinyStarterModelFixture fixture) : IClassFixture<TinyStarterModelFixture>
{
    private static DreamTunerReference Reference(long example)
    {
        var rendering = StarterRenderer.Render(new StarterWorld(5).TrainingExample(example));
        var image = tensor(rendering.Image, dtype: ScalarType.Byte).view(1, 64, 64, 3).permute(0, 3, 1, 2).to(ScalarType.Float32) / 255.0;
        var mask = tensor(rendering.Mask, dtype: ScalarType.Byte).view(1, 1, 64, 64).to(ScalarType.Float32) / 255.0;
        return new DreamTunerReference(image, Mask: mask);
    }

    [Fact]
    public void The_stage_writes_a_subject_encoder_and_image_encoder_the_engine_loads_as_coarse_identity()
    {
        Assert.Equal(0, fixture.ExitCode);
        Assert.True(ModelFolderLayout.HasCoarseIdentity(fixture.ModelDir));
        var encoderPath = ModelFolderLayout.ExistingSubjectEncoder(fixture.ModelDir)!;
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(encoderPath)!, SubjectEncoderConfig.FileName)));

        using var model = ModelLoader.Load(fixture.ModelDir, DeviceSpec.Cpu);
        using var identity = SubjectEncoderFile.Load(encoderPath, model.Unet, ClipVisionModel.FromFolder(ModelFolderLayout.ImageEncoder(fixture.ModelDir)));

        // The image encoder is the CLIP stage's vision tower, in transformers' CLIPVisionModelWithProjection layout.
        Assert.True(identity.Clip.HasProjection);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(ModelFolderLayout.ImageEncoder(fixture.ModelDir), ClipVisionConfig.FileName)))!;
        Assert.Equal(StarterImageEncoder.Architecture, config["architectures"]![0]!.GetValue<string>());
        using var clip = ClipVisionModel.FromFolder(Path.Combine(fixture.ModelDir, "clip"));
        foreach (var (name, weight) in clip.state_dict())
            Assert.True(weight.to(ScalarType.Float16).to(ScalarType.Float32).eq(identity.Clip.state_dict()[name]).all().item<bool>(), $"{name} differs from the clip stage's");

        // Training moved the zero-initialised S-E-A output layers, so the encoder's tokens reach the UNet.
        var outputs = SubjectEncoderFile.TransformerBlocks(model.Unet).Select(b => b.Block.SubjectAttention!.named_parameters()
            .Single(p => p.name == "to_out.0.weight").parameter).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, w => Assert.True(w.abs().max().item<float>() > 0, "an S-E-A output layer is still zero"));
        var weights = StateDict.Read(encoderPath);
        try
        {
            Assert.All(weights.Values, t => Assert.Equal(ScalarType.Float16, t.dtype));
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }

    [Fact]
    public void A_dreamtuner_generation_on_the_starter_folder_uses_the_subject_encoder_and_follows_the_reference()
    {
        Assert.Equal(0, fixture.ExitCode);
        // The worker's path: the model cache loads the folder's coarse-identity module, the pipeline uses it.
        using var cache = new ModelCache(DeviceSpec.Cpu, budgetBytes: long.MaxValue);
        var loaded = cache.Get(new ModelKey(fixture.ModelDir, CoarseIdentity: true));
        Assert.Equal(CoarseIdentityKind.SubjectEncoder, loaded.CoarseIdentityKind);
        var pipeline = new DreamTunerPipeline(loaded.Model);
        pipeline.UseCoarseIdentity(loaded.CoarseIdentity, loaded.CoarseIdentityKind);
        var request = new DreamTunerRequest
        {
            Base = new GenerationRequest { Prompt = "a red round creature on the left, in a snowy field", Steps = 2, Seed = 1 },
            References = [Reference(0)],
            CoarseIdentity = CoarseIdentityKind.SubjectEncoder,
            Beta = 1.0,
        };

        using var first = pipeline.Generate(request);
        using var other = pipeline.Generate(request with { References = [Reference(1)] });
        using var without = pipeline.Generate(request with { CoarseIdentity = CoarseIdentityKind.None });

        Assert.Equal([1L, 3, 64, 64], first.Output.Images.shape);
        Assert.True(first.Output.Images.isfinite().all().item<bool>());
        Assert.False(first.Output.Latents.allclose(other.Output.Latents), "another reference gave the same image");
        Assert.False(first.Output.Latents.allclose(without.Output.Latents), "the subject encoder did not change the image");
    }
}
