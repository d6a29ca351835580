namespace DreamTuner.Data.Entities;

public enum FineTuneMode
{
    LoRA,
    Full,
}
