using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Security;

public sealed class SecurityHeadersTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    public async Task Pages_carry_one_content_security_policy_without_inline_scripts(string path)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(path);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html); // every script is a file the policy allows
        Assert.DoesNotContain("type=\"importmap\"", html);
    }

    [Fact]
    public async Task Sign_in_and_antiforgery_cookies_are_http_only_and_same_site_lax()
    {
        using var client = StudioBrowserlessClient.Create(factory);
        var page = await client.Http.GetAsync("/account/register");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DreamTuner.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", antiforgery, StringComparison.OrdinalIgnoreCase);

        var signUp = await client.SignUpAsync(StudioBrowserlessClient.UniqueName("erin"));
        var auth = Assert.Single(signUp.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DreamTuner.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cookies_are_secure_when_the_request_came_over_https()
    {
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var page = await client.GetAsync("/account/login");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DreamTuner.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }
}
