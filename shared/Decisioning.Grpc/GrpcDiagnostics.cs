using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Decisioning.Grpc;

internal static class GrpcDiagnostics
{
    public static readonly ActivitySource ActivitySource = new(GrpcTelemetry.ActivitySourceName, "1.0.0");

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
