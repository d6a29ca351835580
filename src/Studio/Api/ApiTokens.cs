using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace DreamTuner.Studio.Api;

/// <summary>
/// Personal API tokens without a table: a Data Protection-protected, time-limited payload of the user id and the
/// user's security stamp. Nothing is stored; "revoke all my tokens" rotates the security stamp, which also ends the
/// user's other sign-ins. (Revoking one token at a time needs a table of token hashes; see the report.)
/// </summary>
public sealed class ApiTokens(IDataProtectionProvider provider, TimeProvider time)
{
    public const string Prefix = "dt_";
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("DreamTuner.Studio.ApiTokens.v1").ToTimeLimitedDataProtector();

    public string Create(Guid userId, string securityStamp, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(securityStamp);
        var payload = string.Create(CultureInfo.InvariantCulture, $"{userId:N}|{securityStamp}");
        return Prefix + _protector.Protect(payload, time.GetUtcNow() + lifetime);
    }

    /// <summary>The token's user and security stamp, or null when it is malformed, tampered with or expired.</summary>
    public (Guid UserId, string SecurityStamp)? TryRead(string? token)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        try
        {
            var payload = _protector.Unprotect(token[Prefix.Length..], out var expiration);
            if (expiration <= time.GetUtcNow()) return null;
            var parts = payload.Split('|', 2);
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) ? (id, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
