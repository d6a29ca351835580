using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Services;

/// <summary>The outcome of a sign-up: Identity's result, and whether the new user became administrator.</summary>
public sealed record RegistrationResult(IdentityResult Result, DreamTuner.Data.Entities.StudioUser? User, bool IsAdministrator);
