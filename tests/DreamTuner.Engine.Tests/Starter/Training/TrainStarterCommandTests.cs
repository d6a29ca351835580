using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Training;

[Collection(GlobalRngCollection.Name)]
public sealed class TrainStarterCommandTests(TinyStarterModelFixture fixture) : IClassFixture<TinyStarterModelFixture>
{
    [Fact]
    public void The_trained_folder_loads_like_a_user_model_and_generates_with_the_pose_controlnet()
    {
        Assert.Equal(0, fixture.ExitCode);
        using var model = ModelLoader.Load(fixture.ModelDir, new DeviceSpec(CPU, ScalarType.Float32),
            controlNetDir: Path.Combine(fixture.ModelDir, ControlNetStageBuilder.FolderName));
        var rendering = StarterRenderer.Render(new StarterWorld(5).TrainingExample(0));
        using var pose = tensor(rendering.Pose, dtype: ScalarType.Byte).view(1, 64, 64, 3).permute(0, 3, 1, 2).to(ScalarType.Float32) / 255.0;

        using var result = new StableDiffusionPipeline(model).Generate(new GenerationRequest
        {
            Prompt = "a red round creature on the left, in a snowy field",
            Steps = 2,
            Seed = 1,
            ControlImage = pose,
        });

        // The default size comes from the UNet's sample size times the VAE factor: 16 x 4 = the world's 64 pixels.
        Assert.Equal([1L, 3, 64, 64], result.Images.shape);
        Assert.True(result.Images.isfinite().all().item<bool>());
    }

    [Fact]
    public void The_folder_is_diffusers_sd1_layout_with_fp16_weights_and_the_starter_vocabulary()
    {
        Assert.Equal(0, fixture.ExitCode);
        DiffusersPipelineFolder.CheckComplete(fixture.ModelDir);
        Assert.True(File.Exists(Path.Combine(fixture.ModelDir, "model_index.json")));
        var weights = StateDict.Read(Path.Combine(fixture.ModelDir, "unet", DiffusersFolder.WeightsFileName));
        try
        {
            Assert.All(weights.Values, t => Assert.Equal(ScalarType.Float16, t.dtype));
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
        var tokenizer = Engine.Text.ClipTokenizer.FromFolder(Path.Combine(fixture.ModelDir, "tokenizer"));
        Assert.Equal(StarterVocabulary.Build().Tokens.Count, tokenizer.VocabSize);
    }

    [Fact]
    public void The_clip_folder_is_a_clip_model_whose_vision_tower_loads_as_an_image_encoder()
    {
        Assert.Equal(0, fixture.ExitCode);
        var dir = Path.Combine(fixture.ModelDir, "clip");
        using var clip = StarterClipModel.FromFolder(dir);
        using var vision = ClipVisionModel.FromFolder(dir);
        Assert.True(vision.HasProjection);
        var keys = clip.state_dict().Keys.ToList();
        foreach (var prefix in new[] { "text_model.", "vision_model.", "visual_projection.", "text_projection.", "logit_scale" })
            Assert.Contains(keys, k => k.StartsWith(prefix, StringComparison.Ordinal));

        // Both towers embed: a CLIP-T style score is a cosine similarity in [-1, 1].
        using var scope = NewDisposeScope();
        var batch = new StarterBatches(new StarterWorld(5), 64).Render([0]);
        var image = clip.ImageEmbeds(ClipImagePreprocessor.For(clip.Config.VisionConfig).Preprocess((batch.Images + 1) / 2));
        var text = clip.TextEmbeds(tensor(Engine.Text.ClipTokenizer.FromFolder(dir).EncodeBatch(batch.Captions)));
        var score = (image * text).sum().item<float>();
        Assert.InRange(score, -1.0001f, 1.0001f);
    }

    [Fact]
    public void The_model_card_reports_every_trained_stage_and_what_is_not_done()
    {
        Assert.Equal(0, fixture.ExitCode);
        var card = File.ReadAllText(Path.Combine(fixture.ModelDir, StarterModelCard.FileName));
        foreach (var stage in StarterStages.Trainable)
            Assert.Contains($"| {StarterStages.Name(stage)} |", card, StringComparison.Ordinal);
        Assert.Contains("train-starter --out", card, StringComparison.Ordinal);
        Assert.Contains("subject-encoder", card, StringComparison.Ordinal);
    }
}
