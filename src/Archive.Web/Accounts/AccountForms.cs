using System.ComponentModel.DataAnnotations;

namespace Archive.Web.Accounts;

public sealed class SignUpForm
{
    [Required(ErrorMessage = "Please choose a user name.")]
    [StringLength(40, MinimumLength = 3, ErrorMessage = "User names are 3 to 40 characters long.")]
    [RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "User names can use only letters, numbers and underscores.")]
    [Display(Name = "User name")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Please enter your email address.")]
    [EmailAddress(ErrorMessage = "That doesn't look like an email address.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Please choose a password.")]
    [StringLength(100, MinimumLength = 8, ErrorMessage = "Passwords are at least 8 characters long.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Please type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords don't match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm password")]
    public string? ConfirmPassword { get; set; }
}

public sealed class LogInForm
{
    [Required(ErrorMessage = "Please enter your user name or email.")]
    [Display(Name = "User name or email")]
    public string? Login { get; set; }

    [Required(ErrorMessage = "Please enter your password.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Remember me")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class PseudForm
{
    [Required(ErrorMessage = "Please enter a name for the pseud.")]
    public string? Name { get; set; }
}
