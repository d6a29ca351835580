namespace DreamTuner.Studio.Security;

/// <summary>The light/dark choice, kept in a cookie so the first (prerendered) paint already has the right theme.</summary>
public static class ThemeCookie
{
    public const string Name = "dt-theme";

    public static bool IsDark(HttpContext? context) => context?.Request.Cookies[Name] == "dark";
}
