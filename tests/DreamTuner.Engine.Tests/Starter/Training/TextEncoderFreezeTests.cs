using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary>The text+unet stage's plan entry can freeze its text encoder from a step on (<see cref="FrozenCaptionStates"/>).</summary>
[Collection(GlobalRngCollection.Name)]
public sealed class TextEncoderFreezeTests : IDisposable
{
    private const long Seed = 13;
    private static readonly string TextWeights = Path.Combine("text_encoder", "model.safetensors");
    private static readonly string UnetWeights = Path.Combine("unet", DiffusersFolder.WeightsFileName);
    private readonly string _dir = TestPaths.NewTempDir("text-freeze");

    public void Dispose() => Directory.Delete(_dir, true);

    private static StarterTrainer Trainer(string root, int checkpointEvery, Action<StarterStage, Engine.Training.TrainingProgress>? onStep = null) =>
        new(new StarterTrainingOptions
        {
            OutDir = Path.Combine(root, "model"),
            WorkDir = Path.Combine(root, "work"),
            Scale = StarterScale.Tiny,
            Seed = Seed,
            CheckpointEvery = checkpointEvery,
            OnStep = onStep,
        });

    private static StarterTrainingContext Prepare(string root, int checkpointEvery = 100)
    {
        var trainer = Trainer(root, checkpointEvery);
        var context = trainer.PrepareFolder(Path.Combine(root, "model"), Path.Combine(root, "work"));
        trainer.RunStage(StarterStage.Vae, context, new StarterStagePlan(StarterStage.Vae, 2, context.Architecture.VaeBatchSize, 0),
            Path.Combine(root, "work"), CancellationToken.None);
        return context;
    }

    private static void TrainTextUnet(string root, StarterStagePlan plan, int checkpointEvery = 100, CancellationToken cancellation = default)
    {
        var trainer = Trainer(root, checkpointEvery);
        var context = trainer.PrepareFolder(Path.Combine(root, "model"), Path.Combine(root, "work"));
        trainer.RunStage(StarterStage.TextUnet, context, plan, Path.Combine(root, "work"), cancellation);
    }

    private static StarterStagePlan Plan(int steps, int? freezeFrom, WeightAveragePlan? average = null) =>
        new(StarterStage.TextUnet, steps, StarterArchitecture.Tiny.BatchSize, 0, Average: average, FreezeTextEncoderFrom: freezeFrom);

    private static bool SameBytes(string a, string b) => File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));

    [Fact]
    public void From_the_freeze_step_the_text_encoder_keeps_its_weights_while_the_unet_learns_on()
    {
        var frozen = Path.Combine(_dir, "frozen");
        var stopped = Path.Combine(_dir, "stopped");
        Prepare(frozen);
        Prepare(stopped);

        TrainTextUnet(frozen, Plan(steps: 6, freezeFrom: 3));
        TrainTextUnet(stopped, Plan(steps: 3, freezeFrom: null));

        // The same first three steps; afterwards only the UNet moves (AdamW would still move a zero-gradient encoder).
        Assert.True(SameBytes(Path.Combine(frozen, "model", TextWeights), Path.Combine(stopped, "model", TextWeights)),
            "the text encoder changed after its freeze step");
        Assert.False(SameBytes(Path.Combine(frozen, "model", UnetWeights), Path.Combine(stopped, "model", UnetWeights)),
            "the UNet stopped learning with the text encoder");
    }

    [Fact]
    public void Resuming_after_the_freeze_step_matches_an_uninterrupted_run()
    {
        var whole = Path.Combine(_dir, "whole");
        var resumed = Path.Combine(_dir, "resumed");
        Prepare(whole);
        Prepare(resumed);
        TrainTextUnet(whole, Plan(steps: 5, freezeFrom: 2), checkpointEvery: 2);

        using var cts = new CancellationTokenSource();
        var trainer = Trainer(resumed, checkpointEvery: 2, onStep: (_, p) => { if (p.Step == 4) cts.Cancel(); });
        var context = trainer.PrepareFolder(Path.Combine(resumed, "model"), Path.Combine(resumed, "work"));
        Assert.Throws<OperationCanceledException>(() =>
            trainer.RunStage(StarterStage.TextUnet, context, Plan(steps: 5, freezeFrom: 2), Path.Combine(resumed, "work"), cts.Token));
        // The new process restores the step-4 encoder and caches its states before its first step.
        TrainTextUnet(resumed, Plan(steps: 5, freezeFrom: 2), checkpointEvery: 2);

        foreach (var file in new[] { UnetWeights, TextWeights })
            Assert.True(SameBytes(Path.Combine(whole, "model", file), Path.Combine(resumed, "model", file)), $"{file} differs after resuming");
    }

    [Fact]
    public void Cached_states_are_the_encoders_own_and_a_dropped_caption_reads_the_empty_one()
    {
        var context = Prepare(_dir);
        manual_seed(5);
        using var text = new ClipTextModel(context.TextConfig(context.Architecture.TextEncoder)) { EosTokenId = context.Tokenizer.EosId };
        using var states = new FrozenCaptionStates(text, context.Tokenizer, context.Batches, count: 70);
        long[] indices = [3, 69, 0];
        bool[] dropped = [false, false, true];

        states.Freeze();
        using var cached = states.Lookup(indices, dropped);

        using var noGrad = no_grad();
        var captions = context.Batches.Captions(indices).Select((c, i) => dropped[i] ? "" : c).ToList();
        using var direct = text.EncodePrompt(tensor(context.Tokenizer.EncodeBatch(captions)));
        Assert.True(cached.allclose(direct, rtol: 1e-5, atol: 1e-6), "cached caption states differ from the encoder's");
        Assert.All(text.parameters(), p => Assert.False(p.requires_grad));
        Assert.Throws<ArgumentOutOfRangeException>(() => states.Lookup([70], [false]));
    }

    [Fact]
    public void A_plan_that_freezes_another_stage_or_freezes_after_its_average_starts_is_refused_by_name()
    {
        var root = Path.Combine(_dir, "refused");
        var context = Prepare(root);
        var trainer = Trainer(root, 100);

        var vae = Assert.Throws<CheckpointException>(() => trainer.RunStage(StarterStage.ControlNet, context,
            new StarterStagePlan(StarterStage.ControlNet, 4, 2, 0, FreezeTextEncoderFrom: 1), Path.Combine(root, "work"), CancellationToken.None));
        Assert.Contains("only the text+unet stage", vae.Message, StringComparison.Ordinal);
        var late = Assert.Throws<CheckpointException>(() => trainer.RunStage(StarterStage.TextUnet, context,
            Plan(steps: 6, freezeFrom: 4, average: new WeightAveragePlan(0.9, 2)), Path.Combine(root, "work"), CancellationToken.None));
        Assert.Contains("after its weight average starts", late.Message, StringComparison.Ordinal);
    }
}
