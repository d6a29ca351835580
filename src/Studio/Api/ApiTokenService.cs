using DreamTuner.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Api;

/// <summary>The API-tokens page's actions: make a token for the signed-in user, or revoke all of them.</summary>
public sealed class ApiTokenService(ApiTokens tokens, UserManager<StudioUser> users)
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    public async Task<string> CreateAsync(Guid userId, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A token lives between a moment and a year.");
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        return tokens.Create(userId, await users.GetSecurityStampAsync(user), lifetime);
    }

    /// <summary>Rotates the security stamp: every token made before stops working (and other sign-ins end).</summary>
    public async Task RevokeAllAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        await users.UpdateSecurityStampAsync(user);
    }
}
