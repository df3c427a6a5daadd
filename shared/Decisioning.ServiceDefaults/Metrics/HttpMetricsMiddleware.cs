using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Decisioning.ServiceDefaults.Metrics;

internal sealed class HttpMetricsMiddleware(RequestDelegate next, HttpServerMetrics metrics)
{
    public const string UnmatchedRoute = "unmatched";

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            // An exception that escapes every handler becomes a 500 once it leaves this middleware.
            var statusCode = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var route = RouteTemplates.Of(context) ?? UnmatchedRoute;
            // Hosting stops the request's activity only after the whole pipeline: it is still Activity.Current here,
            // so the duration's exemplar carries the trace id the client sees.
            metrics.Record(HttpStatusLabels.Method(context.Request.Method), route, statusCode, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }
}
