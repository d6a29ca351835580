namespace DreamTuner.Engine.Training;

/// <summary>What subject-driven fine-tuning trains besides the [S*] embedding and the subject-encoder ResBlocks.</summary>
public enum FineTuneMode
{
    /// <summary>Low-rank adapters on the UNet and text-encoder attention projections (paper 3.3: "LoRa also works").</summary>
    Lora,

    /// <summary>Every UNet and text-encoder weight, as DreamBooth and the paper's appendix B.</summary>
    Full,

    /// <summary>Only the [S*] embedding row (Textual Inversion; SpriteBench's baseline).</summary>
    TextualInversion,
}
