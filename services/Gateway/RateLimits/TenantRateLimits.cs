using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Auth;
using Gateway.Decisions;
using Microsoft.AspNetCore.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Gateway.RateLimits;

// Per-tenant token buckets for the decision and history APIs (configuration "RateLimits:<policy>").
// A caller over its budget gets 429 with Retry-After, never a queue that slows everyone else. With
// ConnectionStrings:Redis set, the buckets live in Redis and hold across Gateway replicas; without it each replica
// keeps its own.
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

        var redis = ConnectRedis(builder.Configuration.GetConnectionString("Redis"));
        if (redis is not null)
        {
            builder.Services.AddSingleton(redis);
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            foreach (var (name, options) in policies)
            {
                limiter.AddPolicy(name, context => Partition(context, name, options, redis));
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

    // Connects in the background: a Gateway starts, and answers, while Redis is down.
    private static IConnectionMultiplexer? ConnectRedis(string? configuration)
    {
        if (string.IsNullOrEmpty(configuration))
        {
            return null;
        }

        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        // While Redis is unreachable a request must not queue for it: it fails at once and the local bucket decides.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        return ConnectionMultiplexer.Connect(options);
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string policy, TenantRateLimitOptions options, IConnectionMultiplexer? redis)
    {
        var tenant = context.User.FindFirst(Roles.TenantClaim)?.Value ?? "";
        // Refilled in tenths of a second, or one token at a time below 10 per second.
        var tokensPerPeriod = Math.Max(1, options.PerSecond / 10);
        var period = options.PerSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1.0 / options.PerSecond);
        var local = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        if (redis is null)
        {
            return RateLimitPartition.GetTokenBucketLimiter(tenant, _ => local);
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TenantRateLimits));
        return RateLimitPartition.Get(tenant, key => new SharedTokenBucket(
            new RedisTokenBucketRateLimiter<string>($"decisioning:rate-limit:{policy}:{key}", new RedisTokenBucketRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                TokenLimit = options.Burst,
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = period,
            }),
            new TokenBucketRateLimiter(local),
            logger));
    }
}
