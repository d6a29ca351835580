using Microsoft.JSInterop;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>
/// A JS runtime whose module imports finish only when the test says so (<see cref="Load"/>); every other call returns
/// the default value. The component's continuation is queued on the renderer's dispatcher when the import finishes, so a
/// test that then runs anything on the dispatcher runs after it. bUnit's own interop answers module imports at once, so it cannot show a component disposed
/// while its module is still loading.
/// </summary>
public sealed class DelayedImportJsRuntime : IJSRuntime
{
    private readonly Dictionary<string, TaskCompletionSource<IJSObjectReference>> _imports = [];

    public RecordingJsModule Load(string path)
    {
        var module = new RecordingJsModule();
        Import(path).SetResult(module);
        return module;
    }

    public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        if (identifier == "import" && args is [string path])
            return (TValue)await Import(path).Task;
        return default!;
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);

    private TaskCompletionSource<IJSObjectReference> Import(string path)
    {
        lock (_imports)
        {
            if (!_imports.TryGetValue(path, out var pending))
                _imports[path] = pending = new TaskCompletionSource<IJSObjectReference>();
            return pending;
        }
    }
}
