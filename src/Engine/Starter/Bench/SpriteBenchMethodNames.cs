namespace DreamTuner.Engine.Starter.Bench;

/// <summary>The names a method has in the tables and the JSON, and whether it needs fine-tuning.</summary>
public static class SpriteBenchMethodNames
{
    public static string Display(SpriteBenchMethod method) => method switch
    {
        SpriteBenchMethod.TextOnly => "Text only (attribute prompt)",
        SpriteBenchMethod.TextualInversion => "Textual inversion ([S*] only)",
        SpriteBenchMethod.DreamBooth => "DreamBooth-style (LoRA + [S*])",
        SpriteBenchMethod.SelfSubjectAttentionOnly => "Self-subject-attention only",
        SpriteBenchMethod.SubjectEncoderOnly => "Subject-encoder only",
        SpriteBenchMethod.DreamTuner => "DreamTuner (full)",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "SpriteBenchMethod does not exist"),
    };

    public static string Key(SpriteBenchMethod method) => method switch
    {
        SpriteBenchMethod.TextOnly => "text-only",
        SpriteBenchMethod.TextualInversion => "textual-inversion",
        SpriteBenchMethod.DreamBooth => "dreambooth",
        SpriteBenchMethod.SelfSubjectAttentionOnly => "ssa-only",
        SpriteBenchMethod.SubjectEncoderOnly => "se-only",
        SpriteBenchMethod.DreamTuner => "dreamtuner",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "SpriteBenchMethod does not exist"),
    };

    public static bool NeedsFineTuning(SpriteBenchMethod method) =>
        method is SpriteBenchMethod.TextualInversion or SpriteBenchMethod.DreamBooth or SpriteBenchMethod.DreamTuner;
}
