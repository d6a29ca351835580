using System.Security.Claims;

namespace DreamTuner.Studio.Services;

/// <summary>The signed-in user's id from the Identity cookie's claims.</summary>
public static class CurrentUser
{
    public static Guid? IdOf(ClaimsPrincipal? principal)
        => Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid RequireId(ClaimsPrincipal? principal)
        => IdOf(principal) ?? throw new InvalidOperationException("No user is signed in.");
}
