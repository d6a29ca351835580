namespace DreamTuner.Engine.Starter.Training;

/// <summary>Command-line names of <see cref="StarterStage"/> and the selection <c>--stage</c> makes.</summary>
public static class StarterStages
{
    /// <summary>Every name <c>--stage</c> accepts; <c>text</c> and <c>unet</c> both select the joint text+UNet stage.</summary>
    public static IReadOnlyList<string> Names { get; } = ["all", "vae", "text", "unet", "controlnet", "clip", "subject-encoder", "evaluator"];

    /// <summary>Every stage that trains weights, in dependency order.</summary>
    public static IReadOnlyList<StarterStage> Trainable { get; } =
        [StarterStage.Vae, StarterStage.TextUnet, StarterStage.ControlNet, StarterStage.Clip, StarterStage.SubjectEncoder, StarterStage.Evaluator];

    public static string Name(StarterStage stage) => stage switch
    {
        StarterStage.Vae => "vae",
        StarterStage.TextUnet => "text+unet",
        StarterStage.ControlNet => "controlnet",
        StarterStage.Clip => "clip",
        StarterStage.SubjectEncoder => "subject-encoder",
        StarterStage.Evaluator => "evaluator",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>The folder name under the work directory (no '+').</summary>
    public static string FolderName(StarterStage stage) => Name(stage).Replace('+', '-');

    public static IReadOnlyList<StarterStage> Parse(string name) => name switch
    {
        "all" => Trainable,
        "vae" => [StarterStage.Vae],
        "text" or "unet" => [StarterStage.TextUnet],
        "controlnet" => [StarterStage.ControlNet],
        "clip" => [StarterStage.Clip],
        "subject-encoder" => [StarterStage.SubjectEncoder],
        "evaluator" => [StarterStage.Evaluator],
        _ => throw new ArgumentException($"stage {name} does not exist; use one of {string.Join(", ", Names)}"),
    };
}
