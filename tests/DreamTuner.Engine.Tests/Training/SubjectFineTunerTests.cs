using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

/// <summary>Subject-driven fine-tuning, DreamTuner section 3.3 and appendix B.</summary>
public sealed class SubjectFineTunerTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-finetune");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Training_lowers_the_loss_against_an_untrained_run_on_the_same_draws()
    {
        // Every step draws its pair, flips, noise and timestep from (seed, step), so two runs see identical batches;
        // a run whose learning rates are ~0 is the baseline the trained run must beat.
        const int steps = 16;
        double[] Losses(double lr, double tokenLr, string work)
        {
            using var model = TinyFineTune.Load();
            var options = TinyFineTune.Options(FineTuneMode.Lora, steps) with { LearningRate = lr, TokenLearningRate = tokenLr, CheckpointEvery = 100 };
            using var trained = new SubjectFineTuner(model).Run(TinyFineTune.Request(Path.Combine(_dir, work), options));
            return trained.Losses.ToArray();
        }
        var baseline = Losses(1e-12, 1e-12, "baseline");
        var trained = Losses(3e-2, 5e-2, "trained");
        Assert.Equal(baseline[0], trained[0], 6);
        double late = trained.Skip(steps / 2).Sum(), lateBaseline = baseline.Skip(steps / 2).Sum();
        Assert.True(late < lateBaseline, $"the loss of the second half did not fall: trained {late:G4}, untrained {lateBaseline:G4}");
    }

    [Theory]
    [InlineData(FineTuneMode.Lora)]
    [InlineData(FineTuneMode.Full)]
    public void Only_the_parameters_that_should_train_change(FineTuneMode mode)
    {
        using var model = TinyFineTune.Load();
        var unet = TinyFineTune.Snapshot(model.Unet);
        var text = TinyFineTune.Snapshot(model.TextEncoder);
        var vae = TinyFineTune.Snapshot(model.Vae);
        using var trained = new SubjectFineTuner(model).Run(TinyFineTune.Request(_dir, TinyFineTune.Options(mode, steps: 2), noMask: true));

        Assert.Contains(trained.Warnings, w => w.Contains("whole image"));
        foreach (var (key, before) in vae)
            Assert.True(before.equal(model.Vae.state_dict()[key]).all().item<bool>(), $"VAE {key} changed");
        var unetChanged = unet.Where(kv => !kv.Value.equal(model.Unet.state_dict()[kv.Key]).all().item<bool>()).Select(kv => kv.Key).ToList();
        if (mode == FineTuneMode.Lora)
        {
            Assert.Empty(unetChanged);
            Assert.Contains(trained.Lora!.NamedParameters(), p => p.Parameter.abs().sum().item<float>() > 0 && p.Name.EndsWith("lora_up"));
        }
        else
        {
            Assert.NotEmpty(unetChanged);
        }

        // The token table changes only in the [S*] row (Textual Inversion, improvement 2).
        const string tableKey = "text_model.embeddings.token_embedding.weight";
        var table = model.TextEncoder.state_dict()[tableKey];
        var oldRows = text[tableKey].shape[0];
        Assert.True(table[..(int)oldRows].equal(text[tableKey]).all().item<bool>(), "a vocabulary row other than [S*] changed");
        Assert.Equal(oldRows, trained.TokenId);
        var init = table[..(int)oldRows].index_select(0, tensor(model.Tokenizer.EncodeToBpeIds("dog").Select(i => (long)i).ToArray())).mean([0]);
        Assert.False(table[trained.TokenId].allclose(init), "the [S*] row did not train");
        var textChanged = text.Where(kv => kv.Key != tableKey && !kv.Value.equal(model.TextEncoder.state_dict()[kv.Key]).all().item<bool>()).ToList();
        if (mode == FineTuneMode.Lora) Assert.Empty(textChanged);
        else Assert.NotEmpty(textChanged);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_reproduces_the_uninterrupted_run()
    {
        TrainedCharacter Run(string work, CancellationToken cancel = default, Action<TrainingProgress>? onStep = null)
        {
            var model = TinyFineTune.Load();
            var tuner = new SubjectFineTuner(model) { OnStep = onStep };
            return tuner.Run(TinyFineTune.Request(Path.Combine(_dir, work), TinyFineTune.Options(steps: 6)), cancel);
        }
        using var full = Run("full");

        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => Run("resumed", cts.Token, p => { if (p.Step == 3) cts.Cancel(); }));
        var regular = Path.Combine(_dir, "resumed", RegularImages.Folder, "000.png");
        var written = File.GetLastWriteTimeUtc(regular);
        using var resumed = Run("resumed");

        Assert.Equal(written, File.GetLastWriteTimeUtc(regular));
        Assert.Equal(full.Losses, resumed.Losses);
        Assert.True(full.TokenEmbedding.equal(resumed.TokenEmbedding).all().item<bool>());
        var a = full.Lora!.NamedParameters().ToList();
        var b = resumed.Lora!.NamedParameters().ToList();
        foreach (var ((name, pa), (_, pb)) in a.Zip(b))
            Assert.True(pa.equal(pb).all().item<bool>(), $"{name} differs after resuming");
    }

    [Fact]
    public void Empty_mask_is_a_one_line_error()
    {
        using var model = TinyFineTune.Load();
        var request = TinyFineTune.Request(_dir, TinyFineTune.Options(), mask: zeros(1, 1, 32, 32));
        var error = Assert.Throws<ArgumentException>(() => new SubjectFineTuner(model).Run(request));
        Assert.Equal("the mask has no foreground", error.Message);
    }
}
