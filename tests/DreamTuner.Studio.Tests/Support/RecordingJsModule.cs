using Microsoft.JSInterop;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>A JS module handed to a component by hand (after a delay the test controls), recording what it is asked to call.</summary>
public sealed class RecordingJsModule : IJSObjectReference
{
    public List<string> Calls { get; } = [];

    /// <summary>The component released its reference to the module.</summary>
    public bool Disposed { get; private set; }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        Calls.Add(identifier);
        return ValueTask.FromResult(default(TValue)!);
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
