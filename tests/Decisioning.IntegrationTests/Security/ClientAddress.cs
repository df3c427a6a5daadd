using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Decisioning.IntegrationTests.Security;

// A client whose requests come from another loopback address (127.0.0.0/8 is all loopback on Linux), so the Gateway
// sees a different client address than every other test's 127.0.0.1.
public static class ClientAddress
{
    public static HttpClient From(IPAddress source, Uri gateway, string? apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}
