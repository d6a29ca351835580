using Microsoft.JSInterop;

namespace DreamTuner.Studio.Components.Interop;

/// <summary>
/// A browser script module attached to one element of a component: imports the module, calls its
/// <c>attach(element, ...)</c>, and on disposal calls the handle's <c>dispose()</c> and releases both references.
/// A component the user left while the module was still loading never attaches — its element is gone, the browser
/// would throw and Blazor would end the whole circuit — and its module is still released.
/// </summary>
public sealed class ElementScript(IJSRuntime js, string modulePath) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private bool _disposed;

    /// <summary>The component went away (its element with it); nothing is attached any more.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>What the module's <c>attach</c> returned; null before attaching, after leaving, or when it refused.</summary>
    public IJSObjectReference? Handle { get; private set; }

    /// <summary>Imports the module and calls <c>attach</c> with <paramref name="arguments"/>; null if the component is already gone.</summary>
    public async Task<IJSObjectReference?> AttachAsync(params object?[] arguments)
    {
        var module = await js.InvokeAsync<IJSObjectReference?>("import", modulePath);
        if (_disposed)
        {
            await ReleaseAsync(null, module);
            return null;
        }
        _module = module;
        if (module is null)
            return null;
        var handle = await module.InvokeAsync<IJSObjectReference?>("attach", arguments);
        if (_disposed)
        {
            // Left while attach ran: DisposeAsync saw no handle yet, so this one is released here.
            await ReleaseAsync(handle, null);
            return null;
        }
        Handle = handle;
        return handle;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var (handle, module) = (Handle, _module);
        (Handle, _module) = (null, null);
        await ReleaseAsync(handle, module);
    }

    private static async Task ReleaseAsync(IJSObjectReference? handle, IJSObjectReference? module)
    {
        try
        {
            if (handle is not null)
            {
                await handle.InvokeVoidAsync("dispose");
                await handle.DisposeAsync();
            }

            if (module is not null)
                await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; the browser dropped the handlers with the page.
        }
    }
}
