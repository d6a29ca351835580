using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Studio.Components.Account.Pages;

public sealed class LoginModel
{
    [Required(ErrorMessage = "Enter your user name or e-mail.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}
