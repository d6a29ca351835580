using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>
/// Drives the static account forms over HTTP as a browser without JavaScript would: GET the page (antiforgery
/// cookie + hidden token), then POST the form fields with the token and the form's handler name.
/// </summary>
public sealed partial class StudioBrowserlessClient : IDisposable
{
    public const string Password = "Correct-Horse-42";

    private StudioBrowserlessClient(HttpClient client) => Http = client;

    public HttpClient Http { get; }

    public static StudioBrowserlessClient Create(WebApplicationFactory<Program> factory)
        => new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Over a client the caller built (for example one whose cookies a SignalR connection shares).</summary>
    public static StudioBrowserlessClient Create(HttpClient client) => new(client);

    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 12, 40)];

    public Task<HttpResponseMessage> SignUpAsync(string userName, string? password = null) => PostFormAsync("/account/register", "register", new()
    {
        ["Input.UserName"] = userName,
        ["Input.Email"] = userName + "@example.test",
        ["Input.Password"] = password ?? Password,
        ["Input.ConfirmPassword"] = password ?? Password,
    });

    public Task<HttpResponseMessage> SignInAsync(string userName, string? password = null) => PostFormAsync("/account/login", "login", new()
    {
        ["Input.UserName"] = userName,
        ["Input.Password"] = password ?? Password,
    });

    /// <summary>The sign-out button of the app bar: a POST with the antiforgery token of any page.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var token = await GetTokenAsync("/account/login");
        return await Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, Dictionary<string, string> fields)
    {
        var token = await GetTokenAsync(path);
        fields["__RequestVerificationToken"] = token;
        fields["_handler"] = formName;
        return await Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public async Task<string> GetTokenAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} gave {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        return TokenPattern().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
