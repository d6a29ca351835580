using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Studio.Components.Account.Pages;

public sealed class RegisterModel
{
    [Required(ErrorMessage = "Choose a user name.")]
    [StringLength(64, MinimumLength = 2, ErrorMessage = "The user name must be 2 to 64 characters long.")]
    [RegularExpression(@"^[A-Za-z0-9._\-]+$", ErrorMessage = "The user name may contain letters, digits, '.', '_' and '-'.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(128, MinimumLength = 8, ErrorMessage = "The password must be at least 8 characters long.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
