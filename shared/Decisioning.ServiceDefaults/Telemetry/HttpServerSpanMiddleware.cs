using System.Diagnostics;
using Decisioning.ServiceDefaults.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Decisioning.ServiceDefaults.Telemetry;

// ASP.NET Core's request activity carries no semantic-convention attributes without the instrumentation package
// (not obtainable here): the route, method, path (never the query) and status are added once the response is known.
internal sealed class HttpServerSpanMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is not { IsAllDataRequested: true })
        {
            await next(context);
            return;
        }

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
            var method = HttpStatusLabels.Method(context.Request.Method);
            activity.SetTag("http.request.method", method);
            activity.SetTag("url.scheme", context.Request.Scheme);
            activity.SetTag("url.path", (context.Request.PathBase + context.Request.Path).Value is { Length: > 0 } path ? path : "/");
            activity.SetTag("http.response.status_code", statusCode);
            if (RouteTemplates.Of(context) is { } route)
            {
                activity.SetTag("http.route", route);
                activity.DisplayName = method + " " + route;
            }
            else
            {
                activity.DisplayName = method;
            }

            if (statusCode >= StatusCodes.Status500InternalServerError)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
