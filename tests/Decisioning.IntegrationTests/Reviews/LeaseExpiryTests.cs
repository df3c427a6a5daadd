using System.Net;
using Decisioning.IntegrationTests.Decisions;

namespace Decisioning.IntegrationTests.Reviews;

public class LeaseExpiryTests(ShortLeasePlatform fixture) : IClassFixture<ShortLeasePlatform>
{
    [Fact]
    public async Task An_expired_lease_returns_the_case_to_the_queue_and_its_first_reviewer_can_no_longer_resolve_it()
    {
        var platform = fixture.Platform;
        var tenant = await platform.CreateTenantAsync();
        var id = await platform.Client(tenant.Decider).ReferAsync();
        var next = (await platform.AddReviewersAsync(tenant, 1))[0];
        using var first = platform.Client(tenant.Reviewer);
        using var second = platform.Client(next);

        using var claim = await first.ClaimAsync();
        Assert.Equal(id, (await claim.JsonAsync()).GetProperty("decisionId").GetGuid());
        using var whileHeld = await second.ClaimAsync();
        Assert.Equal(HttpStatusCode.NoContent, whileHeld.StatusCode);

        var until = DateTime.UtcNow.AddSeconds(ShortLeasePlatform.LeaseSeconds * 5);
        HttpResponseMessage reclaim;
        while ((reclaim = await second.ClaimAsync()).StatusCode == HttpStatusCode.NoContent && DateTime.UtcNow < until)
        {
            reclaim.Dispose();
            await Task.Delay(200);
        }

        using (reclaim)
        {
            Assert.Equal(HttpStatusCode.OK, reclaim.StatusCode);
            Assert.Equal(id, (await reclaim.JsonAsync()).GetProperty("decisionId").GetGuid());
        }

        using var lateResolve = await first.ResolveAsync(id);
        using var lateClaim = await first.ClaimAsync();
        using var resolve = await second.ResolveAsync(id, "decline", "AFFORDABILITY");

        Assert.Equal(HttpStatusCode.Conflict, lateResolve.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, lateClaim.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(await platform.KeyIdAsync(next), (await resolve.JsonAsync()).GetProperty("decidedBy").GetGuid());
    }
}
