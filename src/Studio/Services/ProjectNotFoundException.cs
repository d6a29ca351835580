namespace DreamTuner.Studio.Services;

/// <summary>
/// The project (or something in it) does not exist, or the user is not a member: the two are told apart
/// nowhere, so nobody learns that a project they cannot see exists. Pages answer it with the NotFound page.
/// </summary>
public sealed class ProjectNotFoundException() : Exception("Not found.");
