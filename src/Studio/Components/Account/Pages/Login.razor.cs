using DreamTuner.Data.Entities;
using DreamTuner.Studio.Extensions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Components.Account.Pages;

/// <summary>Static sign-in form: the cookie is set in this HTTP response. Five failures lock the account for 15 minutes.</summary>
public partial class Login
{
    private string? _error;

    [Inject]
    private SignInManager<StudioUser> SignIn { get; set; } = default!;

    [Inject]
    private UserManager<StudioUser> Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<Login> Logger { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginModel Input { get; set; } = default!;

    /// <summary>Where to go after signing in; only local paths are honoured. Default: the project list.</summary>
    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    private string RegisterLink => StudioEndpointExtensions.IsLocal(ReturnUrl)
        ? $"account/register?returnUrl={Uri.EscapeDataString(ReturnUrl!)}"
        : "account/register";

    protected override void OnInitialized() => Input ??= new();

    private async Task SignInAsync()
    {
        var name = Input.UserName.Trim();
        var user = await Users.FindByNameAsync(name) ?? (name.Contains('@') ? await Users.FindByEmailAsync(name) : null);
        if (user is null)
        {
            _error = "Wrong user name or password.";
            return;
        }

        var result = await SignIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Logger.LogInformation("User {UserId} signed in", user.Id);
            Navigation.NavigateTo(StudioEndpointExtensions.IsLocal(ReturnUrl) ? ReturnUrl! : "/projects");
            return;
        }

        if (result.IsLockedOut)
        {
            Logger.LogWarning("User {UserId} is locked out", user.Id);
            var until = user.LockoutEnd is { } end ? $" until {end.ToUniversalTime():HH:mm} UTC" : "";
            _error = $"This account is locked after too many failed sign-ins; try again{until}.";
            return;
        }

        _error = "Wrong user name or password.";
    }
}
