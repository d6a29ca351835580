using System.Security.Claims;
using System.Text.Encodings.Web;
using DreamTuner.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Api;

/// <summary>
/// The HTTP API's scheme: <c>Authorization: Bearer dt_...</c>. A token counts only while its user exists and still
/// has the security stamp the token was made with. Never a cookie, so the API needs no antiforgery.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens, UserManager<StudioUser> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        if (tokens.TryRead(header["Bearer ".Length..].Trim()) is not { } read)
            return AuthenticateResult.Fail("The API token is invalid or expired.");
        var user = await users.FindByIdAsync(read.UserId.ToString());
        if (user is null || !string.Equals(await users.GetSecurityStampAsync(user), read.SecurityStamp, StringComparison.Ordinal))
            return AuthenticateResult.Fail("The API token was revoked.");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.UserName ?? "")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
