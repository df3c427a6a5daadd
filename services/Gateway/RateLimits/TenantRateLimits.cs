using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Auth;
using Gateway.Decisions;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.RateLimits;

// Per-tenant token buckets for the decision and history APIs (configuration "RateLimits:<policy>").
// A caller over its budget gets 429 with Retry-After, never a queue that slows everyone else.
public static class TenantRateLimits
{
    public const string Decisions = "Decisions";
    public const string History = "History";

    public static IHostApplicationBuilder AddTenantRateLimits(this IHostApplicationBuilder builder)
    {
        var policies = new Dictionary<string, TenantRateLimitOptions>();
        foreach (var name in new[] { Decisions, History })
        {
            var options = builder.Configuration.GetSection($"RateLimits:{name}").Get<TenantRateLimitOptions>();
            if (options is null || options.PerSecond < 1 || options.Burst < 1)
            {
                throw new InvalidOperationException($"RateLimits:{name}:PerSecond and :Burst must be set to positive numbers.");
            }

            policies[name] = options;
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            foreach (var (name, options) in policies)
            {
                limiter.AddPolicy(name, context => RateLimitPartition.GetTokenBucketLimiter(
                    context.User.FindFirst(Roles.TenantClaim)?.Value ?? "",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        // Refilled in tenths of a second, or one token at a time below 10 per second.
                        TokensPerPeriod = Math.Max(1, options.PerSecond / 10),
                        ReplenishmentPeriod = options.PerSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1.0 / options.PerSecond),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            }

            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var http = context.HttpContext;
                var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "unknown";
                http.RequestServices.GetRequiredService<DecisionMetrics>().RecordRateLimited(policy);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"This tenant's request rate is over its limit; retry after {retryAfter} s." },
                });
            };
        });
        return builder;
    }
}
