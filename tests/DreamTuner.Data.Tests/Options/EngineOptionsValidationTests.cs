using DreamTuner.Data.Extensions;
using DreamTuner.Data.Options;
using DreamTuner.Data.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DreamTuner.Data.Tests.Options;

public sealed class EngineOptionsValidationTests : IDisposable
{
    private readonly TempFolder _models = new();

    public void Dispose() => _models.Dispose();

    [Theory]
    [InlineData("Device", "cuda:1")]
    [InlineData("Device", "cuda")]
    [InlineData("DType", "bfloat16")]
    [InlineData("StudioHubUrl", "https://studio.example/hubs/engine")]
    [InlineData("WorkRoot", "engine-work-for-this-test")]
    public async Task A_valid_engine_configuration_starts(string key, string value)
    {
        using var host = BuildEngineHost(key, value);

        await host.StartAsync();
        await host.StopAsync();
    }

    [Theory]
    [InlineData("ModelsRoot", null, EngineOptions.ModelsRootMessage)]
    [InlineData("ModelsRoot", "/no/such/folder/for/models", EngineOptions.ModelsRootMessage)]
    [InlineData("Device", "gpu", EngineOptions.DeviceMessage)]
    [InlineData("Device", "cuda:x", EngineOptions.DeviceMessage)]
    [InlineData("DType", "float64", EngineOptions.DTypeMessage)]
    [InlineData("StudioHubUrl", "/hubs/engine", EngineOptions.StudioHubUrlMessage)]
    [InlineData("StudioHubUrl", "ftp://studio/hubs/engine", EngineOptions.StudioHubUrlMessage)]
    [InlineData("HubKey", "too-short", EngineOptions.HubKeyMessage)]
    [InlineData("HubKey", null, EngineOptions.HubKeyMessage)]
    [InlineData("WorkRoot", "/dev/null/work", EngineOptions.WorkRootMessage)]
    [InlineData("WorkRoot", "", EngineOptions.WorkRootMessage)]
    public async Task An_invalid_engine_setting_fails_start_naming_the_setting(string key, string? value, string message)
    {
        using var host = BuildEngineHost(key, value);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message);
    }

    private IHost BuildEngineHost(string key, string? value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Engine:ModelsRoot"] = _models.Path,
            ["Engine:Device"] = "cpu",
            ["Engine:DType"] = "float32",
            ["Engine:StudioHubUrl"] = "http://127.0.0.1:5080/hubs/engine",
            ["Engine:HubKey"] = "0123456789abcdef",
        };
        settings["Engine:" + key] = value;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEngineOptions();
        return builder.Build();
    }
}
