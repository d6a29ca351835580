using DreamTuner.Data.Jobs;
using Microsoft.AspNetCore.SignalR.Client;

namespace DreamTuner.Engine.Jobs;

/// <summary>Builds the engine's SignalR connection to the studio's engine hub, authenticated by Engine:HubKey.</summary>
public static class StudioHubConnection
{
    public static HubConnection Create(string hubUrl, string hubKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hubUrl);
        return new HubConnectionBuilder()
            .WithUrl(hubUrl, o =>
            {
                o.Headers[EngineHubProtocol.KeyHeader] = hubKey;
                // Also as a bearer token: it travels with every transport, including ones that cannot set headers.
                o.AccessTokenProvider = () => Task.FromResult<string?>(hubKey);
            })
            .WithAutomaticReconnect(new RetryForever())
            .Build();
    }

    private sealed class RetryForever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            TimeSpan.FromSeconds(Math.Min(10, 0.5 * Math.Pow(2, Math.Min(retryContext.PreviousRetryCount, 5))));
    }
}
