using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Gateway.RateLimits;

// A tenant's token bucket kept in Redis, so that every Gateway replica draws on the same budget. While Redis cannot
// be reached, this replica's own bucket decides: the limit is then per replica, as without Redis, rather than every
// request failing because a limiter is down.
public sealed class SharedTokenBucket(RateLimiter shared, RateLimiter local, ILogger logger) : RateLimiter
{
    private static readonly RateLimitLease Deferred = new DeferredLease();

    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    // The shared bucket is asked asynchronously only; the rate-limiting middleware then calls AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            return await shared.AcquireAsync(permitCount, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or ObjectDisposedException)
        {
            logger.LogWarning("The shared rate limit could not be read ({Failure}); this replica's own limit applies.", ex.GetType().Name);
            return local.AttemptAcquire(permitCount);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class DeferredLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
