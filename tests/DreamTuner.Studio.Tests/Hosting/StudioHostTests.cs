using System.Net;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Hosting;

public sealed class StudioHostTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Home_page_is_served_against_the_test_database()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("DreamTuner Studio", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_endpoint_reports_the_database_healthy()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
