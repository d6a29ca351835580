using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Training;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// One subject-driven fine-tune of a subject for a method, on a fresh copy of the model, with the method's images
/// taken along the way: <paramref name="evaluate"/> runs before training (step 0, the [S*] word still equal to its
/// class word, so the prompt names the class only), at every curve step inside the run (the model then carries the
/// adapters and the [S*] row as trained so far), and after the last step. One run gives the whole curve.
/// </summary>
public sealed class SpriteBenchFineTuning(SpriteBenchGenerator generator)
{
    /// <summary>The word [S*] becomes; one token of the starter vocabulary's byte-level BPE.</summary>
    public const string Token = "<sprite>";

    public SpriteBenchGenerator Generator { get; } = generator;

    /// <param name="evaluate">(step, model, subject-encoder or null, token or null before training) -> images are taken.</param>
    public IReadOnlyList<double> Run(SpriteBenchSubject subject, SpriteBenchMethod method, int steps, IReadOnlyCollection<int> curveSteps,
        string workDir, Action<int, StableDiffusionModel, SubjectEncoderIdentity?, string?> evaluate, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(curveSteps);
        ArgumentNullException.ThrowIfNull(evaluate);
        var options = Generator.Options;
        using var model = Generator.LoadModel();
        using var subjectEncoder = method == SpriteBenchMethod.DreamTuner ? Generator.LoadSubjectEncoder(model) : null;
        if (curveSteps.Contains(0))
            evaluate(0, model, subjectEncoder, null);
        var tuner = new SubjectFineTuner(model)
        {
            SubjectEncoder = subjectEncoder,
            OnStep = p =>
            {
                if (p.Step < steps && curveSteps.Contains(p.Step))
                    evaluate(p.Step, model, subjectEncoder, Token);
            },
        };
        var request = new SubjectFineTuneRequest
        {
            Reference = Generator.Reference(subject.Reference),
            ClassWord = StarterCaptions.ClassWord,
            Caption = StarterCaptions.DetailedCaption(subject.Reference),
            Token = Token,
            WorkDir = workDir,
            Options = new SubjectFineTuneOptions
            {
                Mode = method switch
                {
                    SpriteBenchMethod.TextualInversion => FineTuneMode.TextualInversion,
                    _ => FineTuneMode.Lora,
                },
                Steps = steps,
                RegularImages = options.RegularImages,
                RegularImageSteps = options.RegularImageSteps,
                Resolution = options.ImageSize,
                CheckpointEvery = steps,
                Seed = options.SeedBase,
            },
        };
        using var trained = tuner.Run(request, cancellation);
        evaluate(steps, model, subjectEncoder, Token);
        return trained.Losses;
    }
}
