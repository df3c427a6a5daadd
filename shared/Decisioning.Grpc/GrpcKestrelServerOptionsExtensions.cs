using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Decisioning.Grpc;

/// <summary>Kestrel endpoints for gRPC.</summary>
public static class GrpcKestrelServerOptionsExtensions
{
    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> for cleartext HTTP/2 only (h2c, prior knowledge).</summary>
    public static void ListenGrpc(this KestrelServerOptions options, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(address);
        options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
    }
}
