using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Decisioning.ServiceDefaults.Metrics;

// The matched endpoint's template, as metrics labels and span attributes show it. A group's root route
// (MapGroup("/v1/decisions").MapPost("/")) has the raw text "/v1/decisions/"; it is written without the
// trailing slash, the path clients call and dashboards query.
internal static class RouteTemplates
{
    public static string? Of(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }
            ? template.Length > 1 && template[^1] == '/' ? template[..^1] : template
            : null;
}
