using DreamTuner.Engine.DreamTuner;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// One character to learn from a single reference image (DreamTuner section 3.3): the image [1, 3, H, W] in [0, 1],
/// its alpha and an optional user mask [1, 1, H, W] (user mask, else alpha, else the whole image with a warning),
/// the class word that initialises and contrasts [S*], the detailed caption the regular images are generated from,
/// and the token that names the character in prompts.
/// </summary>
public sealed record SubjectFineTuneRequest
{
    public required DreamTunerReference Reference { get; init; }
    public required string ClassWord { get; init; }

    /// <summary>Detailed caption of the reference (appendix B: BLIP-2 / deepdanbooru); null = "a photo of a {class word}".</summary>
    public string? Caption { get; init; }

    /// <summary>The new word, e.g. <c>&lt;mira&gt;</c>; one word without spaces.</summary>
    public required string Token { get; init; }

    public SubjectFineTuneOptions Options { get; init; } = new();

    /// <summary>Folder for the cached regular images, checkpoints and validation images.</summary>
    public required string WorkDir { get; init; }

    public string EffectiveCaption => Caption ?? $"a photo of a {ClassWord}";

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Reference);
        Reference.Validate(0);
        if (string.IsNullOrWhiteSpace(ClassWord)) throw new ArgumentException("a class word is needed (e.g. \"dog\", \"girl\").");
        if (string.IsNullOrWhiteSpace(Token) || Token.Any(char.IsWhiteSpace))
            throw new ArgumentException($"the token must be one word without spaces, got \"{Token}\".");
        if (string.IsNullOrWhiteSpace(WorkDir)) throw new ArgumentException("a work folder is needed.");
        Options.Validate();
    }

    /// <summary>The subject mask: user mask, else alpha, else the whole image (adding a warning); an empty mask is an error.</summary>
    public Tensor SubjectMask(List<string> warnings)
    {
        var image = Reference.Image01;
        var mask = Reference.Mask ?? Reference.Alpha;
        if (mask is null)
        {
            warnings.Add("the reference has no mask or transparency: the whole image is treated as the subject.");
            return ones(1, 1, image.shape[2], image.shape[3]);
        }
        if (mask.max().item<float>() < 0.5f)
            throw new ArgumentException("the mask has no foreground");
        return mask.to(ScalarType.Float32).cpu();
    }
}
