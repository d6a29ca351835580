using DreamTuner.Data.Entities;
using DreamTuner.Studio.Extensions;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Components.Account.Pages;

/// <summary>Static sign-up form; the first account becomes administrator; the new user is signed in straight away.</summary>
public partial class Register
{
    private List<string> _errors = [];

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    [Inject]
    private SignInManager<StudioUser> SignIn { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<Register> Logger { get; set; } = default!;

    [SupplyParameterFromForm]
    private RegisterModel Input { get; set; } = default!;

    /// <summary>Where to go after signing up; only local paths are honoured. Default: the project list.</summary>
    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    protected override void OnInitialized() => Input ??= new();

    private async Task RegisterAsync()
    {
        var result = await Accounts.RegisterAsync(Input.UserName, Input.Email, Input.Password);
        if (!result.Result.Succeeded || result.User is null)
        {
            _errors = [.. result.Result.Errors.Select(e => e.Description)];
            return;
        }

        Logger.LogInformation("User {UserId} signed up{Admin}", result.User.Id, result.IsAdministrator ? " as administrator" : "");
        await SignIn.SignInAsync(result.User, isPersistent: false);
        Navigation.NavigateTo(StudioEndpointExtensions.IsLocal(ReturnUrl) ? ReturnUrl! : "/projects");
    }
}
