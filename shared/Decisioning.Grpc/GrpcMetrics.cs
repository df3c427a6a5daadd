using System.Diagnostics;
using Prometheus;

namespace Decisioning.Grpc;

/// <summary>
/// Call metrics of one host: <c>grpc_server_handled_total</c> and <c>grpc_client_handled_total</c> (labels
/// <c>grpc_service</c>, <c>grpc_method</c>, <c>grpc_code</c>) and the <c>grpc_server_handling_seconds</c> and
/// <c>grpc_client_handling_seconds</c> histograms (labels <c>grpc_service</c>, <c>grpc_method</c>).
/// </summary>
public sealed class GrpcMetrics(IMetricFactory metrics)
{
    private static readonly string[] s_callLabels = ["grpc_service", "grpc_method"];
    private static readonly double[] s_latency = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    // Status names as every gRPC implementation spells them (codes.Code.String()), made once.
    private static readonly string[] s_codeNames =
    [
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists", "PermissionDenied",
        "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable",
        "DataLoss", "Unauthenticated",
    ];

    private readonly Counter _serverHandled = metrics.CreateCounter(
        "grpc_server_handled_total", "gRPC calls completed by this server, by service, method and status code.", [.. s_callLabels, "grpc_code"]);
    private readonly Histogram _serverHandling = metrics.CreateHistogram(
        "grpc_server_handling_seconds", "Time this server took to complete a gRPC call, by service and method.",
        new HistogramConfiguration { LabelNames = s_callLabels, Buckets = s_latency });
    private readonly Counter _clientHandled = metrics.CreateCounter(
        "grpc_client_handled_total", "gRPC calls completed by this client, by service, method and status code.", [.. s_callLabels, "grpc_code"]);
    private readonly Histogram _clientHandling = metrics.CreateHistogram(
        "grpc_client_handling_seconds", "Time from starting a gRPC call to its status, as this client saw it, by service and method.",
        new HistogramConfiguration { LabelNames = s_callLabels, Buckets = s_latency });

    /// <summary>Counts and times a call this server completed (call while the call's span is current: it is the exemplar).</summary>
    public void RecordServerCall(string serviceName, string methodName, StatusCode code, long startTimestamp) =>
        Record(_serverHandled, _serverHandling, serviceName, methodName, code, startTimestamp);

    /// <summary>Counts and times a call this client completed.</summary>
    public void RecordClientCall(string serviceName, string methodName, StatusCode code, long startTimestamp) =>
        Record(_clientHandled, _clientHandling, serviceName, methodName, code, startTimestamp);

    private static void Record(Counter handled, Histogram handling, string serviceName, string methodName, StatusCode code, long startTimestamp)
    {
        var index = (int)code;
        var codeName = index >= 0 && index < s_codeNames.Length ? s_codeNames[index] : "Unknown";
        handled.WithLabels(serviceName, methodName, codeName).Inc();
        handling.WithLabels(serviceName, methodName).Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }
}
