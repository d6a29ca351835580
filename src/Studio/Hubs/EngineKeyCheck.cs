using System.Security.Cryptography;
using System.Text;
using DreamTuner.Data.Jobs;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Hubs;

/// <summary>
/// Middleware in front of <c>/hubs/engine</c>: the request (negotiate and transport alike) must carry Engine:HubKey
/// in the <see cref="EngineHubProtocol.KeyHeader"/> header, as a bearer token, or as the access_token query value;
/// anything else is answered 401 before SignalR sees it.
/// </summary>
public sealed class EngineKeyCheck(RequestDelegate next, IOptionsMonitor<EngineHubOptions> options, ILogger<EngineKeyCheck> logger)
{
    /// <summary>Keys shorter than this are treated as unset (the engine side demands at least 16 characters).</summary>
    public const int MinimumKeyLength = 16;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expected = options.CurrentValue.HubKey;
        if (expected.Length < MinimumKeyLength || !Matches(Presented(context.Request), expected))
        {
            if (expected.Length < MinimumKeyLength)
                logger.LogWarning("An engine tried to connect, but Engine:HubKey (env Engine__HubKey) is not set on the studio");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(EngineHubProtocol.KeyHeader, out var header) && !string.IsNullOrEmpty(header))
            return header.ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        return request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;
    }

    private static bool Matches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
