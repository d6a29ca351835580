using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Tests.Accounts;

/// <summary>On a fresh database the first account becomes administrator, and only the first.</summary>
public sealed class FirstUserTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task First_user_to_sign_up_becomes_administrator_and_the_second_does_not()
    {
        using (var client = StudioBrowserlessClient.Create(factory))
        {
            await client.SignUpAsync("first");
            await client.SignOutAsync();
            await client.SignUpAsync("second");
        }

        await using var scope = new StudioScope(factory.Services);
        var users = scope.Get<UserManager<StudioUser>>();
        var first = await users.FindByNameAsync("first");
        var second = await users.FindByNameAsync("second");
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.True(await users.IsInRoleAsync(first, AccountService.AdministratorRole));
        Assert.False(await users.IsInRoleAsync(second, AccountService.AdministratorRole));
    }
}
