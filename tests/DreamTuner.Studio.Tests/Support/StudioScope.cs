using DreamTuner.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>The studio's own services in a DI scope, as a page or endpoint gets them, plus user creation.</summary>
public sealed class StudioScope(IServiceProvider root) : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope = root.CreateAsyncScope();

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>A user created through Identity (so they can sign in with <see cref="StudioBrowserlessClient.Password"/>).</summary>
    public async Task<StudioUser> CreateUserAsync(string prefix)
    {
        var name = StudioBrowserlessClient.UniqueName(prefix);
        var user = new StudioUser { UserName = name, Email = name + "@example.test", DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
        var result = await Get<UserManager<StudioUser>>().CreateAsync(user, StudioBrowserlessClient.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
