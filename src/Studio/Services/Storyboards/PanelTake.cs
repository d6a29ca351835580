namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>An image that was a panel's take at some point (the chosen one or one of its other takes).</summary>
public sealed record PanelTake(Guid ImageId, string Prompt, int Width, int Height);
