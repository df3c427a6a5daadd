using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Decisions;

// Two Gateways sharing their per-tenant buckets through Redis: one tenant calling both as fast as it can is admitted
// at the tenant's rate (plus its burst), not twice it; and with Redis down, each Gateway falls back to its own bucket
// instead of failing requests.
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private const int PerSecond = 2;
    private const int Burst = 5;

    private readonly Platform _platform = new();
    private readonly List<ServiceProcess> _gateways = [];
    private readonly List<Uri> _addresses = [];
    private RedisServer _redis = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        await _platform.InitializeAsync();
        for (var i = 0; i < 2; i++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            _addresses.Add(address);
            _gateways.Add(await ServiceProcess.StartAsync(
                "Gateway",
                new Dictionary<string, string>
                {
                    ["Kestrel:Endpoints:Http:Url"] = address.ToString(),
                    ["ConnectionStrings:Decisioning"] = _platform.ConnectionString,
                    ["ConnectionStrings:Redis"] = _redis.ConnectionString,
                    ["Models:CreditScoringAddress"] = _platform.CreditScoringGrpcAddress.ToString(),
                    ["Models:PricingAddress"] = _platform.PricingGrpcAddress.ToString(),
                    ["RateLimits:History:PerSecond"] = PerSecond.ToString(CultureInfo.InvariantCulture),
                    ["RateLimits:History:Burst"] = Burst.ToString(CultureInfo.InvariantCulture),
                },
                new Uri(address, "/alive").ToString()));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        await _platform.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task One_tenant_calling_two_gateways_is_admitted_at_its_rate_not_at_twice_it()
    {
        var tenant = await _platform.CreateTenantAsync();

        var (admitted, limited, elapsed) = await HammerAsync(tenant.Analyst);

        // The bucket starts full: the burst, then the rate for the time that passed (and one refill of slack).
        // Each Gateway on its own would admit that much again.
        var allowed = Burst + PerSecond * elapsed.TotalSeconds + PerSecond;
        Assert.All(limited, count => Assert.True(count > 0, $"a Gateway limited no request ({admitted} admitted in {elapsed.TotalSeconds:0.0} s)"));
        Assert.True(admitted <= allowed, $"{admitted} requests were admitted in {elapsed.TotalSeconds:0.0} s; the shared limit allows {allowed:0}");
        Assert.True(admitted >= Burst, $"only {admitted} requests were admitted in {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task With_redis_down_each_gateway_keeps_its_own_limit_and_answers()
    {
        var tenant = await _platform.CreateTenantAsync();
        await _redis.StopServerAsync();

        var (admitted, limited, elapsed) = await HammerAsync(tenant.Analyst);

        Assert.All(limited, count => Assert.True(count > 0, $"a Gateway limited no request ({admitted} admitted in {elapsed.TotalSeconds:0.0} s)"));
        Assert.True(admitted >= Burst, $"only {admitted} requests were admitted in {elapsed.TotalSeconds:0.0} s");
        Assert.True(admitted <= 2 * (Burst + PerSecond * elapsed.TotalSeconds + PerSecond), $"{admitted} requests were admitted in {elapsed.TotalSeconds:0.0} s");
    }

    // Four callers per Gateway ask for the history as fast as they are answered until each Gateway has refused 10
    // (at most a minute); any answer other than 200 or 429 fails the test. Each Gateway answers another tenant first,
    // so that the count does not wait on a cold start. Returns the requests admitted and those refused by each Gateway.
    private async Task<(int Admitted, int[] Limited, TimeSpan Elapsed)> HammerAsync(string apiKey)
    {
        var other = await _platform.CreateTenantAsync();
        foreach (var address in _addresses)
        {
            using var warm = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            warm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other.Analyst);
            for (var i = 0; i < Burst; i++)
            {
                using var response = await warm.GetAsync("/v1/decisions?limit=1");
            }
        }

        var admitted = 0;
        var limited = new int[_addresses.Count];
        var clock = Stopwatch.StartNew();
        bool Done() => limited.All(count => count >= 10) || clock.Elapsed > TimeSpan.FromMinutes(1);
        await Task.WhenAll(_addresses.SelectMany((address, gateway) => Enumerable.Range(0, 4).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            while (!Done())
            {
                using var response = await client.GetAsync("/v1/decisions?limit=1");
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref limited[gateway]);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Interlocked.Increment(ref admitted);
                }
            }
        })));
        return (admitted, limited, clock.Elapsed);
    }
}
