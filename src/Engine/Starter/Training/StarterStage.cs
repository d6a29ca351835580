namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// The training stages of the starter model, in the order they run. The text encoder has no stage of its own: it is
/// trained end-to-end with the UNet on the diffusion loss (<see cref="TextUnet"/>), the simplest objective that makes
/// its states useful to the UNet's cross-attention.
/// </summary>
public enum StarterStage
{
    Vae,
    TextUnet,
    ControlNet,
    Clip,
    SubjectEncoder,
    /// <summary>The attribute classifier SpriteBench reads generated images with; not part of the diffusion model.</summary>
    Evaluator,
}
