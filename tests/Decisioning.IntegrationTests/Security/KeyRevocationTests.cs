using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Security;

// Issue 13, item 5: a key revoked through one Gateway stops working on every other within a second, although each
// caches keys for 30 s (PostgreSQL LISTEN/NOTIFY drops it from their caches).
[Collection(SecurityCollection.Name)]
public class KeyRevocationTests(SecurityPlatform security)
{
    private Platform Platform => security.Platform;

    [Fact]
    public async Task Api2_a_key_revoked_through_one_gateway_is_refused_by_another_within_a_second()
    {
        var tenant = await Platform.CreateTenantAsync();
        var secondAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var second = await Platform.StartGatewayAsync(secondAddress);
        using var admin = Platform.Client(tenant.Admin);
        var created = await (await admin.PostAsJsonAsync("/v1/admin/keys", new { role = "analyst" })).JsonAsync();
        var apiKey = created.GetProperty("apiKey").GetString()!;
        using var first = Platform.Client(apiKey);
        using var other = new HttpClient { BaseAddress = secondAddress, Timeout = TimeSpan.FromSeconds(30) };
        other.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);

        // Both Gateways listen, then hold the key in their caches.
        await WaitUntilListeningAsync(second);
        using var warmFirst = await first.GetAsync("/v1/decisions");
        using var warmOther = await other.GetAsync("/v1/decisions");

        using var revoked = await admin.DeleteAsync($"/v1/admin/keys/{created.GetProperty("keyId").GetGuid()}");
        var clock = Stopwatch.StartNew();
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            using var attempt = await other.GetAsync("/v1/decisions");
            status = attempt.StatusCode;
        }

        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, warmFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, warmOther.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"The second Gateway still took the key {clock.Elapsed.TotalMilliseconds:F0} ms after its revocation.");
    }

    private static async Task WaitUntilListeningAsync(ServiceProcess gateway)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!gateway.Output.Contains("Listening for revoked API keys", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, "The Gateway never started listening for revoked keys:\n" + gateway.Output);
            await Task.Delay(50);
        }
    }
}
