using System.Net;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Accounts;

/// <summary>Sign-up, sign-in, sign-out and change password over real HTTP with antiforgery, against PostgreSQL.</summary>
public sealed class AccountFlowTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Sign_up_signs_in_then_sign_out_and_sign_in_again_work_over_http()
    {
        using var client = StudioBrowserlessClient.Create(factory);
        var name = StudioBrowserlessClient.UniqueName("alice");

        var signUp = await client.SignUpAsync(name);
        Assert.Equal(HttpStatusCode.Found, signUp.StatusCode);
        Assert.Equal("/projects", signUp.Headers.Location!.AbsolutePath);
        Assert.Contains(signUp.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DreamTuner.Auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/projects")).StatusCode);

        var signOut = await client.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var afterSignOut = await client.Http.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Found, afterSignOut.StatusCode);
        Assert.StartsWith("/account/login", afterSignOut.Headers.Location!.PathAndQuery);

        var signIn = await client.SignInAsync(name);
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/projects")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_form_posted_without_the_antiforgery_token_is_refused()
    {
        using var client = StudioBrowserlessClient.Create(factory);
        await client.GetTokenAsync("/account/login"); // the cookie half alone is not enough
        var response = await client.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = "nobody", ["Input.Password"] = "x",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused()
    {
        using var client = StudioBrowserlessClient.Create(factory);
        var response = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_sets_no_cookie()
    {
        using var client = StudioBrowserlessClient.Create(factory);
        var name = StudioBrowserlessClient.UniqueName("bob");
        await client.SignUpAsync(name);
        await client.SignOutAsync();

        var response = await client.SignInAsync(name, "Wrong-Password-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("DreamTuner.Auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password()
    {
        using var client = StudioBrowserlessClient.Create(factory);
        var name = StudioBrowserlessClient.UniqueName("carol");
        await client.SignUpAsync(name);
        await client.SignOutAsync();

        for (var i = 0; i < 5; i++)
            await client.SignInAsync(name, "Wrong-Password-1");

        var response = await client.SignInAsync(name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, (await client.Http.GetAsync("/projects")).StatusCode);
    }

    [Fact]
    public async Task Changed_password_is_the_one_that_signs_in_afterwards()
    {
        using var client = StudioBrowserlessClient.Create(factory);
        var name = StudioBrowserlessClient.UniqueName("dave");
        await client.SignUpAsync(name);

        var change = await client.PostFormAsync("/account/change-password", "change-password", new()
        {
            ["Input.OldPassword"] = StudioBrowserlessClient.Password,
            ["Input.NewPassword"] = "Another-Horse-43",
            ["Input.ConfirmPassword"] = "Another-Horse-43",
        });
        Assert.Contains("Your password has been changed.", await change.Content.ReadAsStringAsync());
        await client.SignOutAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(name)).StatusCode); // old password: form again
        Assert.Equal(HttpStatusCode.Found, (await client.SignInAsync(name, "Another-Horse-43")).StatusCode);
    }
}
