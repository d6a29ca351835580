using Microsoft.Extensions.Logging;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>Keeps every log message and lets a test react to one (to stop a run at a chosen point, as a killed worker would).</summary>
public sealed class StepLogger<T> : ILogger<T>
{
    private readonly List<string> _messages = [];

    public Action<string>? OnMessage { get; set; }

    public IReadOnlyList<string> Messages
    {
        get { lock (_messages) return [.. _messages]; }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        lock (_messages) _messages.Add(message);
        OnMessage?.Invoke(message);
    }
}
