using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

// Failed key attempts per client address, in a window that starts at the address's first failure. Guessing keys is
// hopeless (256 random bits), but a client that keeps sending wrong ones costs a lookup each time; once over the limit
// its requests are refused before any lookup. Behind a proxy the address is the proxy's unless forwarded headers are
// configured (see README, Security).
public sealed class FailedKeyAttempts(IOptions<FailedKeyAttemptOptions> options, TimeProvider clock) : IDisposable
{
    private readonly MemoryCache _windows = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxAddresses });

    /// <summary>True when the address has used up its failures; <paramref name="retryAfter"/> is when its window ends.</summary>
    public bool IsBlocked(IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (address is null || !_windows.TryGetValue(address, out Window? window) || window!.Failures < options.Value.PermitLimit)
        {
            return false;
        }

        retryAfter = window.Ends - clock.GetUtcNow();
        return retryAfter > TimeSpan.Zero;
    }

    public void RecordFailure(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var window = _windows.GetOrCreate(address, entry =>
        {
            var ends = now.AddSeconds(options.Value.WindowSeconds);
            entry.AbsoluteExpiration = ends;
            entry.Size = 1;
            return new Window(ends);
        })!;
        window.Add();
    }

    public void Dispose() => _windows.Dispose();

    private sealed class Window(DateTimeOffset ends)
    {
        private int _failures;

        public DateTimeOffset Ends { get; } = ends;

        public int Failures => Volatile.Read(ref _failures);

        public void Add() => Interlocked.Increment(ref _failures);
    }
}
