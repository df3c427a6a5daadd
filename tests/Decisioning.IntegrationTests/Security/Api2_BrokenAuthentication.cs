using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Security;

// OWASP API2:2023. Keys are 256 random bits kept only as SHA-256 hashes and found by hash (no comparison of the key
// text that could leak by its timing); an address that keeps sending wrong keys is refused before any lookup; a
// revoked key stops working on every Gateway within a second.
[Collection(SecurityCollection.Name)]
public class Api2_BrokenAuthentication(SecurityPlatform security)
{
    private Platform Platform => security.Platform;

    [Fact]
    public async Task Api2_an_address_sending_wrong_keys_gets_429_with_retry_after_even_for_a_good_key_and_other_addresses_do_not()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var guesser = ClientAddress.From(IPAddress.Parse("127.0.0.2"), Platform.GatewayAddress, "dk_a-guess");
        using var guesserWithGoodKey = ClientAddress.From(IPAddress.Parse("127.0.0.2"), Platform.GatewayAddress, tenant.Analyst);
        using var neighbour = ClientAddress.From(IPAddress.Parse("127.0.0.3"), Platform.GatewayAddress, "dk_a-typo");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SecurityPlatform.FailedKeyAttempts; i++)
        {
            using var wrong = await guesser.GetAsync("/v1/decisions");
            statuses.Add(wrong.StatusCode);
        }

        using var throttled = await guesser.GetAsync("/v1/decisions");
        using var throttledGoodKey = await guesserWithGoodKey.GetAsync("/v1/decisions");
        using var neighbourTypo = await neighbour.GetAsync("/v1/decisions");
        using var elsewhere = await Platform.Client(tenant.Analyst).GetAsync("/v1/decisions");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.InRange(throttled.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttledGoodKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, neighbourTypo.StatusCode);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Api2_keys_are_stored_only_as_their_sha256_and_a_key_differing_in_one_character_is_refused()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var admin = Platform.Client(tenant.Admin);
        var created = await (await admin.PostAsJsonAsync("/v1/admin/keys", new { role = "analyst" })).JsonAsync();
        var apiKey = created.GetProperty("apiKey").GetString()!;
        var nearMiss = apiKey[..^1] + (apiKey[^1] == 'A' ? 'B' : 'A');

        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<(byte[] Hash, string Row)>(
            "SELECT key_hash, to_jsonb(k)::text FROM api_keys k WHERE key_id = @KeyId", new { KeyId = created.GetProperty("keyId").GetGuid() });
        using var good = await Platform.Client(apiKey).GetAsync("/v1/decisions");
        using var near = await Platform.Client(nearMiss).GetAsync("/v1/decisions");

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)), stored.Hash);
        Assert.DoesNotContain(apiKey, stored.Row, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, near.StatusCode);
    }
}
