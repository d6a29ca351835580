namespace DreamTuner.Studio.Hubs;

/// <summary>
/// The studio's side of the engine connection: the shared secret engines present (the same Engine:HubKey the workers
/// are given). Not validated at start, so a studio without engines still runs; without a key every engine is refused.
/// </summary>
public sealed class EngineHubOptions
{
    public const string SectionName = "Engine";

    public string HubKey { get; set; } = "";
}
