using DreamTuner.Data;
using DreamTuner.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services;

/// <summary>Sign-up: creates the account and makes the very first user the studio's administrator.</summary>
public sealed class AccountService(UserManager<StudioUser> users, RoleManager<IdentityRole<Guid>> roles, StudioDbContext db, TimeProvider time)
{
    public const string AdministratorRole = "Administrator";

    /// <summary>Any fixed number: the advisory lock that serialises "am I the first user?" across studio instances.</summary>
    private const long FirstUserLock = 0x44_54_41_44_4D_49_4E; // "DTADMIN"

    public async Task<RegistrationResult> RegisterAsync(string userName, string email, string password, CancellationToken cancellationToken = default)
    {
        var user = new StudioUser
        {
            UserName = userName.Trim(),
            Email = email.Trim(),
            DisplayName = userName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };

        // Two people signing up at once must not both become administrator, so the check and the grant run
        // under one transaction-scoped lock; UserManager writes through the same (scoped) context.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({FirstUserLock})", cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return new RegistrationResult(created, null, false);

        var isFirst = !await db.Users.AnyAsync(u => u.Id != user.Id, cancellationToken);
        if (isFirst)
        {
            if (!await roles.RoleExistsAsync(AdministratorRole))
                await roles.CreateAsync(new IdentityRole<Guid>(AdministratorRole));
            var granted = await users.AddToRoleAsync(user, AdministratorRole);
            if (!granted.Succeeded)
                return new RegistrationResult(granted, null, false);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RegistrationResult(created, user, isFirst);
    }
}
