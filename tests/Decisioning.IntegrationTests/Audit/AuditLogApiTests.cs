using System.Net;
using System.Net.Http.Json;
using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Outcomes;
using Decisioning.IntegrationTests.Reviews;

namespace Decisioning.IntegrationTests.Audit;

public class AuditLogApiTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task Reads_by_analysts_review_actions_key_changes_and_outcome_batches_each_append_one_row()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        using var analyst = platform.Client(tenant.Analyst);
        using var reviewer = platform.Client(tenant.Reviewer);
        using var admin = platform.Client(tenant.Admin);
        var applicationId = "app-" + Guid.NewGuid().ToString("N");
        var approved = (await decider.DecideAsync(Applications.LowRisk(applicationId))).GetProperty("decisionId").GetGuid();
        await decider.DecideAsync(Applications.LowRisk());
        var referred = await decider.ReferAsync();

        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/v1/decisions/{approved}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/v1/decisions?limit=10&applicationId={applicationId}")).StatusCode);
        Assert.Equal(3, (await (await analyst.GetAsync("/v1/decisions?limit=10")).JsonAsync()).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/v1/decisions/stats?groupBy=outcome")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/v1/decisions/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ClaimAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ResolveAsync(referred, "decline")).StatusCode);
        var created = await (await admin.PostAsJsonAsync("/v1/admin/keys", new { role = "analyst" })).JsonAsync();
        var keyId = created.GetProperty("keyId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/admin/keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostOutcomesAsync(OutcomeCalls.ForDecision(approved, "repaid"), OutcomeCalls.ForApplication("nobody", "repaid"))).StatusCode);

        var rows = await AuditRowsAsync(tenant.TenantId);
        var analystKey = await platform.KeyIdAsync(tenant.Analyst);
        var reviewerKey = await platform.KeyIdAsync(tenant.Reviewer);
        var adminKey = await platform.KeyIdAsync(tenant.Admin);

        Assert.Equal(
            [
                ("decision.read", analystKey, "analyst"), ("decisions.list", analystKey, "analyst"), ("decisions.list", analystKey, "analyst"),
                ("decisions.stats", analystKey, "analyst"), ("decisions.export", analystKey, "analyst"),
                ("review.claim", reviewerKey, "reviewer"), ("review.resolve", reviewerKey, "reviewer"),
                ("key.create", adminKey, "admin"), ("key.revoke", adminKey, "admin"), ("outcomes.record", adminKey, "admin"),
            ],
            rows.Select(r => (r.Action, r.ActorKeyId, r.ActorRole)));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Seq));
        Assert.All(rows, r => Assert.Equal("127.0.0.1", r.RemoteAddress));
        Assert.Equal($"decision:{approved}", rows[0].Target);
        Assert.Contains("applicationId=(given)", rows[1].Target);
        Assert.DoesNotContain(applicationId, string.Join(' ', rows.Select(r => r.Target)));
        Assert.Contains("groupBy=outcome", rows[3].Target);
        Assert.Equal($"decision:{referred}", rows[5].Target);
        Assert.Equal($"decision:{referred} outcome:decline", rows[6].Target);
        Assert.StartsWith($"key:{keyId}", rows[7].Target);
        Assert.Equal($"key:{keyId}", rows[8].Target);
        Assert.Equal("rows=2 not_found=1 recorded=1", rows[9].Target);
        Assert.True((await AuditVerifier.VerifyAsync(platform.DataSource)).Intact);
    }

    [Fact]
    public async Task Deciding_and_a_decider_reading_its_decision_back_leave_no_audit_row()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);

        var decisionId = (await decider.DecideAsync(Applications.LowRisk())).GetProperty("decisionId").GetGuid();
        using var read = await decider.GetAsync($"/v1/decisions/{decisionId}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty(await AuditRowsAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Refused_and_not_found_requests_leave_no_audit_row()
    {
        var tenant = await platform.CreateTenantAsync();
        using var analyst = platform.Client(tenant.Analyst);

        using var missing = await analyst.GetAsync($"/v1/decisions/{Guid.CreateVersion7()}");
        using var invalid = await analyst.GetAsync("/v1/decisions?limit=0");
        using var forbidden = await analyst.PostAsJsonAsync("/v1/admin/keys", new { role = "admin" });

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Empty(await AuditRowsAsync(tenant.TenantId));
    }

    private async Task<List<AuditEntry>> AuditRowsAsync(string tenantId)
    {
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<AuditEntry>("""
            SELECT tenant_id AS TenantId, seq AS Seq, occurred_at AS OccurredAt, actor_key_id AS ActorKeyId, actor_role AS ActorRole,
                   action AS Action, target AS Target, remote_address AS RemoteAddress
            FROM audit_log WHERE tenant_id = @tenantId ORDER BY seq
            """, new { tenantId })).AsList();
    }
}
