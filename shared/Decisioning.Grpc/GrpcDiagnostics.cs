using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;

namespace Decisioning.Grpc;

internal static class GrpcDiagnostics
{
    public static readonly ActivitySource ActivitySource = new(GrpcTelemetry.ActivitySourceName, "1.0.0");

    private static readonly Meter s_meter = new(GrpcTelemetry.MeterName, "1.0.0");
    private static readonly Counter<long> s_serverHandled = s_meter.CreateCounter<long>(
        "grpc.server.handled", description: "gRPC calls completed by this server, by service, method and status code.");
    private static readonly Histogram<double> s_serverHandling = s_meter.CreateHistogram<double>(
        "grpc.server.handling", "s", "Time this server took to complete a gRPC call, by service and method.");
    private static readonly Counter<long> s_clientHandled = s_meter.CreateCounter<long>(
        "grpc.client.handled", description: "gRPC calls completed by this client, by service, method and status code.");
    private static readonly Histogram<double> s_clientHandling = s_meter.CreateHistogram<double>(
        "grpc.client.handling", "s", "Time from starting a gRPC call to its status, as this client saw it, by service and method.");

    // Status names as every gRPC implementation spells them (codes.Code.String()), made once.
    private static readonly string[] s_codeNames =
    [
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists", "PermissionDenied",
        "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable",
        "DataLoss", "Unauthenticated",
    ];

    public static void RecordServerCall(string serviceName, string methodName, StatusCode code, long startTimestamp) =>
        RecordCall(s_serverHandled, s_serverHandling, serviceName, methodName, code, startTimestamp);

    public static void RecordClientCall(string serviceName, string methodName, StatusCode code, long startTimestamp) =>
        RecordCall(s_clientHandled, s_clientHandling, serviceName, methodName, code, startTimestamp);

    private static void RecordCall(Counter<long> handled, Histogram<double> handling, string serviceName, string methodName, StatusCode code, long startTimestamp)
    {
        if (!handled.Enabled && !handling.Enabled)
        {
            return;
        }

        var service = new KeyValuePair<string, object?>("grpc_service", serviceName);
        var method = new KeyValuePair<string, object?>("grpc_method", methodName);
        var index = (int)code;
        var codeName = index >= 0 && index < s_codeNames.Length ? s_codeNames[index] : "Unknown";
        handled.Add(1, service, method, new KeyValuePair<string, object?>("grpc_code", codeName));
        handling.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, service, method);
    }

    public static Activity? StartClientActivity(string activityName, string serviceName, string methodName)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ActivitySource.StartActivity(activityName, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            AddCallTags(activity, serviceName, methodName);
        }

        return activity;
    }

    public static Activity? StartServerActivity(HttpContext httpContext, string activityName, string serviceName, string methodName)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        // ASP.NET Core hosting normally makes the caller's traceparent the current activity; without it we read the header.
        var parent = default(ActivityContext);
        if (Activity.Current is null)
        {
            var headers = httpContext.Request.Headers;
            var traceParent = headers.TraceParent.ToString();
            if (traceParent.Length > 0)
            {
                ActivityContext.TryParse(traceParent, headers.TraceState.ToString(), isRemote: true, out parent);
            }
        }

        var activity = ActivitySource.StartActivity(activityName, ActivityKind.Server, parent);
        if (activity is { IsAllDataRequested: true })
        {
            AddCallTags(activity, serviceName, methodName);
        }

        return activity;
    }

    public static void SetStatus(Activity? activity, StatusCode code, bool isServer)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("rpc.grpc.status_code", (int)code);
        if (IsError(code, isServer))
        {
            activity.SetStatus(ActivityStatusCode.Error, code.ToString());
        }
    }

    // OpenTelemetry's RPC conventions: a server span is an error only for codes that point at the server.
    private static bool IsError(StatusCode code, bool isServer) => isServer
        ? code is StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Unimplemented
            or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss
        : code != StatusCode.OK;

    private static void AddCallTags(Activity activity, string serviceName, string methodName)
    {
        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", serviceName);
        activity.SetTag("rpc.method", methodName);
    }
}
