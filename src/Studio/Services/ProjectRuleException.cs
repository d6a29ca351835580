namespace DreamTuner.Studio.Services;

/// <summary>A request that breaks a rule of the project (last owner, unknown user, duplicate member); the message is for the user.</summary>
public sealed class ProjectRuleException(string message) : Exception(message);
