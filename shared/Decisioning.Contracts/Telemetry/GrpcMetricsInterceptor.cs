using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Decisioning.Contracts.Telemetry;

/// <summary>
/// Counts and times unary gRPC calls on the meter <c>Decisioning.Grpc</c>, as a server interceptor
/// (<c>grpc.server.handled</c>, <c>grpc.server.handling</c>) and as a client interceptor (<c>grpc.client.handled</c>,
/// <c>grpc.client.handling</c>): counters tagged <c>grpc_service</c>, <c>grpc_method</c>, <c>grpc_code</c> (status names
/// as every gRPC implementation spells them), durations in seconds tagged <c>grpc_service</c>, <c>grpc_method</c>.
/// </summary>
public sealed class GrpcMetricsInterceptor : Interceptor
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "Decisioning.Grpc";

    private static readonly Meter s_meter = new(MeterName, "1.0.0");
    private static readonly Counter<long> s_serverHandled = s_meter.CreateCounter<long>(
        "grpc.server.handled", description: "gRPC calls completed by this server, by service, method and status code.");
    private static readonly Histogram<double> s_serverHandling = s_meter.CreateHistogram<double>(
        "grpc.server.handling", "s", "Time this server took to complete a gRPC call, by service and method.");
    private static readonly Counter<long> s_clientHandled = s_meter.CreateCounter<long>(
        "grpc.client.handled", description: "gRPC calls completed by this client, by service, method and status code.");
    private static readonly Histogram<double> s_clientHandling = s_meter.CreateHistogram<double>(
        "grpc.client.handling", "s", "Time from starting a gRPC call to its status, as this client saw it, by service and method.");

    private static readonly string[] s_codeNames =
    [
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists", "PermissionDenied",
        "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable",
        "DataLoss", "Unauthenticated",
    ];

    // "/package.Service/Method" split once per method, not once per call.
    private static readonly ConcurrentDictionary<string, (string Service, string Method)> s_serverMethods = new(StringComparer.Ordinal);

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
            var (service, method) = s_serverMethods.GetOrAdd(context.Method, Split);
            Record(s_serverHandled, s_serverHandling, service, method, code, started);
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

    private static async Task<TResponse> ObserveAsync<TResponse>(Task<TResponse> response, IMethod method, long started)
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
            Record(s_clientHandled, s_clientHandling, method.ServiceName, method.Name, code, started);
        }
    }

    private static void Record(Counter<long> handled, Histogram<double> handling, string service, string method, StatusCode code, long started)
    {
        if (!handled.Enabled && !handling.Enabled)
        {
            return;
        }

        var serviceTag = new KeyValuePair<string, object?>("grpc_service", service);
        var methodTag = new KeyValuePair<string, object?>("grpc_method", method);
        var index = (int)code;
        var codeName = index >= 0 && index < s_codeNames.Length ? s_codeNames[index] : "Unknown";
        handled.Add(1, serviceTag, methodTag, new KeyValuePair<string, object?>("grpc_code", codeName));
        handling.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, serviceTag, methodTag);
    }

    private static (string Service, string Method) Split(string fullName)
    {
        var slash = fullName.LastIndexOf('/');
        return slash <= 0 ? ("unknown", fullName) : (fullName[1..slash], fullName[(slash + 1)..]);
    }
}
