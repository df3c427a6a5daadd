using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Prometheus;

namespace Decisioning.Contracts.Telemetry;

/// <summary>
/// Counts and times unary gRPC calls, as a server interceptor (<c>grpc_server_handled_total</c>,
/// <c>grpc_server_handling_seconds</c>) and as a client interceptor (<c>grpc_client_handled_total</c>,
/// <c>grpc_client_handling_seconds</c>): counters labelled <c>grpc_service</c>, <c>grpc_method</c>, <c>grpc_code</c>
/// (status names as every gRPC implementation spells them), durations labelled <c>grpc_service</c>, <c>grpc_method</c>.
/// Register it as a singleton of the host, whose <see cref="IMetricFactory"/> it records into.
/// </summary>
public sealed class GrpcMetricsInterceptor(IMetricFactory metrics) : Interceptor
{
    private static readonly string[] s_callLabels = ["grpc_service", "grpc_method"];
    private static readonly double[] s_latency = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

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

    // Each method's series found once ("/package.Service/Method" split once), not looked up by label values on every call.
    private readonly ConcurrentDictionary<string, MethodSeries> _serverMethods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MethodSeries> _clientMethods = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        try
        {
            var response = await continuation(request, context);
            code = context.Status.StatusCode;
            return response;
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            code = context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            throw;
        }
        finally
        {
            _serverMethods.GetOrAdd(context.Method, fullName => new MethodSeries(_serverHandled, _serverHandling, Split(fullName))).Record(code, started);
        }
    }

    /// <inheritdoc />
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(
            ObserveAsync(call.ResponseAsync, context.Method, started), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private async Task<TResponse> ObserveAsync<TResponse>(Task<TResponse> response, IMethod method, long started)
    {
        var code = StatusCode.Unknown;
        try
        {
            var result = await response;
            code = StatusCode.OK;
            return result;
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        finally
        {
            _clientMethods.GetOrAdd(method.FullName, _ => new MethodSeries(_clientHandled, _clientHandling, (method.ServiceName, method.Name))).Record(code, started);
        }
    }

    private static (string Service, string Method) Split(string fullName)
    {
        var slash = fullName.LastIndexOf('/');
        return slash <= 0 ? ("unknown", fullName) : (fullName[1..slash], fullName[(slash + 1)..]);
    }

    // One method's duration series and its count series by status code, each taken from its metric the first time it is needed.
    private sealed class MethodSeries(Counter handled, Histogram handling, (string Service, string Method) name)
    {
        private readonly Counter.Child?[] _handled = new Counter.Child?[s_codeNames.Length];
        private readonly Histogram.Child _handling = handling.WithLabels(name.Service, name.Method);

        // Recorded while the call's span is current: it becomes the duration's exemplar.
        public void Record(StatusCode code, long started)
        {
            var index = (int)code >= 0 && (int)code < s_codeNames.Length ? (int)code : (int)StatusCode.Unknown;
            (_handled[index] ??= handled.WithLabels(name.Service, name.Method, s_codeNames[index])).Inc();
            _handling.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
