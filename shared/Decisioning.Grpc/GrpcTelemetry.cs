namespace Decisioning.Grpc;

/// <summary>Names under which the transport reports telemetry.</summary>
public static class GrpcTelemetry
{
    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> of client and server call activities
    /// (tags <c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c>, <c>rpc.grpc.status_code</c>).
    /// </summary>
    public const string ActivitySourceName = "Decisioning.Grpc";
}
