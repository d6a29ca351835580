namespace DreamTuner.Data.Jobs;

/// <summary>
/// Names shared by the engine (SignalR client) and the studio (hubs): the engine hub's methods, how the engine key
/// travels, and what the browser-facing hub sends.
/// </summary>
public static class EngineHubProtocol
{
    /// <summary>Studio endpoint engines connect to.</summary>
    public const string EngineHubPath = "/hubs/engine";

    /// <summary>Studio endpoint browsers connect to.</summary>
    public const string StudioHubPath = "/hubs/studio";

    /// <summary>Engine hub method taking a <see cref="GenerationPreview"/>.</summary>
    public const string Preview = "Preview";

    /// <summary>Engine hub method taking a <see cref="GenerationStatusChange"/>.</summary>
    public const string Status = "Status";

    /// <summary>Header carrying Engine:HubKey (the bearer token / access_token query are accepted too).</summary>
    public const string KeyHeader = "X-DreamTuner-Engine-Key";

    /// <summary>Client method browsers receive previews on.</summary>
    public const string ClientPreview = "preview";

    /// <summary>Client method browsers receive status changes on.</summary>
    public const string ClientStatus = "status";

    /// <summary>Engine hub method taking a <see cref="FineTuneProgress"/>.</summary>
    public const string FineTuneProgress = "FineTuneProgress";

    /// <summary>Engine hub method taking a <see cref="FineTuneValidationImage"/>.</summary>
    public const string FineTuneValidation = "FineTuneValidation";

    /// <summary>Engine hub method taking a <see cref="FineTuneStatusChange"/>.</summary>
    public const string FineTuneStatus = "FineTuneStatus";

    /// <summary>Client method browsers receive fine-tune progress (step, total, loss, ETA) on.</summary>
    public const string ClientFineTuneProgress = "fineTuneProgress";

    /// <summary>Client method browsers receive fine-tune validation images on.</summary>
    public const string ClientFineTuneValidation = "fineTuneValidation";

    /// <summary>Client method browsers receive fine-tune status changes on.</summary>
    public const string ClientFineTuneStatus = "fineTuneStatus";
}
