using System.Net;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Reviews;

public class ReleaseTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task A_released_case_is_back_in_the_queue_at_once_and_the_release_is_audited()
    {
        var tenant = await platform.CreateTenantAsync();
        var id = await platform.Client(tenant.Decider).ReferAsync();
        var other = (await platform.AddReviewersAsync(tenant, 1))[0];
        using var holder = platform.Client(tenant.Reviewer);
        using var claim = await holder.ClaimAsync();
        Assert.Equal(id, (await claim.JsonAsync()).GetProperty("decisionId").GetGuid());

        using var release = await holder.ReleaseAsync(id);
        using var claimedByOther = await platform.Client(other).ClaimAsync();

        Assert.Equal(HttpStatusCode.NoContent, release.StatusCode);
        Assert.Equal(HttpStatusCode.OK, claimedByOther.StatusCode);
        Assert.Equal(id, (await claimedByOther.JsonAsync()).GetProperty("decisionId").GetGuid());
        Assert.Equal(
            [("review.claim", $"decision:{id}"), ("review.release", $"decision:{id}"), ("review.claim", $"decision:{id}")],
            await AuditRowsAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Only_the_lease_holder_or_an_admin_may_release_a_claimed_case()
    {
        var tenant = await platform.CreateTenantAsync();
        var id = await platform.Client(tenant.Decider).ReferAsync();
        var other = (await platform.AddReviewersAsync(tenant, 1))[0];
        using var holder = platform.Client(tenant.Reviewer);
        using var claim = await holder.ClaimAsync();

        using var byOther = await platform.Client(other).ReleaseAsync(id);
        using var claimByOther = await platform.Client(other).ClaimAsync();
        using var byAdmin = await platform.Client(tenant.Admin).ReleaseAsync(id);
        using var again = await holder.ReleaseAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, byOther.StatusCode);
        Assert.Equal("Review case not held by this reviewer", (await byOther.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NoContent, claimByOther.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Review case not claimed", (await again.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Resolved_unknown_and_another_tenants_cases_are_not_released()
    {
        var tenant = await platform.CreateTenantAsync();
        var stranger = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var resolved = await decider.ReferAsync();
        var open = await decider.ReferAsync();
        using var reviewer = platform.Client(tenant.Reviewer);
        using var claim = await reviewer.ClaimAsync();
        using var resolve = await reviewer.ResolveAsync(resolved);

        using var afterResolving = await reviewer.ReleaseAsync(resolved);
        using var unknown = await reviewer.ReleaseAsync(Guid.CreateVersion7());
        using var byStranger = await platform.Client(stranger.Admin).ReleaseAsync(open);
        using var analyst = await platform.Client(tenant.Analyst).ReleaseAsync(open);

        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterResolving.StatusCode);
        Assert.Equal("Review case already resolved", (await afterResolving.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
    }

    private async Task<List<(string Action, string Target)>> AuditRowsAsync(string tenantId)
    {
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string, string)>(
            "SELECT action, target FROM audit_log WHERE tenant_id = @tenantId ORDER BY seq", new { tenantId });
        return rows.AsList();
    }
}
