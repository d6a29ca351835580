using DreamTuner.Data;
using DreamTuner.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Extensions;

public static class StudioIdentityExtensions
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    /// <summary>
    /// ASP.NET Core Identity on the studio database with cookie sign-in: lockout after 5 failures for 15 minutes,
    /// HttpOnly SameSite=Lax cookies that are Secure whenever the request is HTTPS.
    /// </summary>
    public static IHostApplicationBuilder AddStudioIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<StudioUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<StudioDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = LoginPath;
            o.Cookie.Name = "DreamTuner.Auth";
            ConfigureCookie(o.Cookie);
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "DreamTuner.Antiforgery";
            ConfigureCookie(o.Cookie);
        });
        return builder;
    }

    private static void ConfigureCookie(CookieBuilder cookie)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Lax;
        cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }
}
