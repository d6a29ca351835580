namespace DreamTuner.Data.Jobs;

/// <summary>The Hangfire queues engine workers listen on.</summary>
public static class JobQueues
{
    public const string Generate = "generate";

    public const string FineTune = "finetune";
}
