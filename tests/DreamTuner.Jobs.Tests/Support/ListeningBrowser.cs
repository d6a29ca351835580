using System.Collections.Concurrent;
using DreamTuner.Data.Jobs;
using Microsoft.AspNetCore.SignalR.Client;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>A browser-side SignalR client of one studio instance's <c>/hubs/studio</c>, signed in as a member, that records what it hears.</summary>
public sealed class ListeningBrowser : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private ListeningBrowser(HubConnection connection)
    {
        _connection = connection;
        connection.On<GenerationPreview>(EngineHubProtocol.ClientPreview, Previews.Enqueue);
        connection.On<GenerationStatusChange>(EngineHubProtocol.ClientStatus, Statuses.Enqueue);
    }

    public ConcurrentQueue<GenerationPreview> Previews { get; } = new();

    public ConcurrentQueue<GenerationStatusChange> Statuses { get; } = new();

    public HubConnectionState State => _connection.State;

    public static async Task<ListeningBrowser> WatchProjectAsync(string studioHubUrl, Guid userId, Guid projectId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(studioHubUrl, o => o.Headers[TestUserAuthHandler.Header] = userId.ToString())
            .Build();
        var browser = new ListeningBrowser(connection);
        await connection.StartAsync();
        await connection.InvokeAsync("WatchProject", projectId);
        return browser;
    }

    public bool HasStatus(Guid generationId, Data.Entities.JobStatus status) =>
        Statuses.Any(s => s.GenerationId == generationId && s.Status == status);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
