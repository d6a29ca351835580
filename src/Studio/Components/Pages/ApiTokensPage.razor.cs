using DreamTuner.Studio.Api;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DreamTuner.Studio.Components.Pages;

/// <summary>Create a personal API token (shown once) or revoke all of them.</summary>
public sealed partial class ApiTokensPage
{
    private int _days = 90;
    private string? _token;
    private bool _revoked;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ApiTokenService Tokens { get; set; } = default!;

    private async Task CreateAsync()
    {
        var userId = CurrentUser.RequireId((await AuthenticationState).User);
        _token = await Tokens.CreateAsync(userId, TimeSpan.FromDays(_days));
        _revoked = false;
    }

    private async Task RevokeAllAsync()
    {
        var userId = CurrentUser.RequireId((await AuthenticationState).User);
        await Tokens.RevokeAllAsync(userId);
        _token = null;
        _revoked = true;
    }
}
