using System.Net;
using System.Net.Sockets;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>A loopback TCP port nobody listens on right now (for servers that must come back on the same port).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
