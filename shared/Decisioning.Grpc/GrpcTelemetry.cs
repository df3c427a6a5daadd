namespace Decisioning.Grpc;

/// <summary>Names under which the transport reports telemetry.</summary>
public static class GrpcTelemetry
{
    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> of client and server call activities
    /// (tags <c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c>, <c>rpc.grpc.status_code</c>).
    /// </summary>
    public const string ActivitySourceName = "Decisioning.Grpc";

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> of call metrics: <c>grpc.server.handled</c> and
    /// <c>grpc.client.handled</c> counters (tags <c>grpc_service</c>, <c>grpc_method</c>, <c>grpc_code</c>) and
    /// <c>grpc.server.handling</c> and <c>grpc.client.handling</c> duration histograms in seconds
    /// (tags <c>grpc_service</c>, <c>grpc_method</c>).
    /// </summary>
    public const string MeterName = "Decisioning.Grpc";
}
