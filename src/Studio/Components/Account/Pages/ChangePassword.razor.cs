using DreamTuner.Data.Entities;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Components.Account.Pages;

/// <summary>Static change-password form; the sign-in cookie is renewed (new security stamp) in the same response.</summary>
public partial class ChangePassword
{
    private string? _message;
    private bool _succeeded;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private UserManager<StudioUser> Users { get; set; } = default!;

    [Inject]
    private SignInManager<StudioUser> SignIn { get; set; } = default!;

    [SupplyParameterFromForm]
    private ChangePasswordModel Input { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new();

    private async Task ChangeAsync()
    {
        var user = await Users.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            _message = "Your account no longer exists.";
            return;
        }

        var result = await Users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        _succeeded = result.Succeeded;
        if (!result.Succeeded)
        {
            _message = string.Join(" ", result.Errors.Select(e => e.Description));
            return;
        }

        await SignIn.RefreshSignInAsync(user);
        _message = "Your password has been changed.";
        Input = new ChangePasswordModel();
    }
}
