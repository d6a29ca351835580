using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>Base of the bUnit tests: MudBlazor services, loose JS interop, and asynchronous disposal (MudBlazor needs it).</summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected MudComponentTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
    }

    protected BunitContext Context { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
