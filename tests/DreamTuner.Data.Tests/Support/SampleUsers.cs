using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Tests.Support;

/// <summary>Users with every property set, for seeding.</summary>
public static class SampleUsers
{
    public static StudioUser Create(string name)
    {
        var unique = name + "-" + Guid.NewGuid().ToString("N")[..8];
        return new StudioUser
        {
            UserName = unique,
            NormalizedUserName = unique.ToUpperInvariant(),
            Email = unique + "@example.test",
            NormalizedEmail = (unique + "@example.test").ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = "hash-" + unique,
            SecurityStamp = Guid.NewGuid().ToString(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            PhoneNumber = "+10000000000",
            PhoneNumberConfirmed = true,
            TwoFactorEnabled = true,
            LockoutEnd = TestClock.Now().AddDays(1),
            LockoutEnabled = true,
            AccessFailedCount = 2,
            DisplayName = name,
            CreatedAt = TestClock.Now(),
        };
    }
}
