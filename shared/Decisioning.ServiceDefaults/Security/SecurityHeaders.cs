using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Decisioning.ServiceDefaults.Security;

/// <summary>
/// Response headers for an API that no browser should render, frame, cache or sniff: every response gets them,
/// errors included.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy of an API: nothing may load, nothing may frame it.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Adds X-Content-Type-Options, X-Frame-Options, Content-Security-Policy, Referrer-Policy and Cache-Control: no-store.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set as the answer starts, so they survive the exception handler's clearing of a failed answer's headers.
            context.Response.OnStarting(AddHeaders, context.Response);
            return next(context);
        });

    private static Task AddHeaders(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // A page that is meant to render (the Gateway's console) sets its own policy and caching.
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        headers["Referrer-Policy"] = "no-referrer";
        // Decisions, keys and secrets must not linger in shared or browser caches.
        if (string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }
}
