using System.Net;
using System.Net.Http.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Admin;

public class KeysApiTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task An_admin_creates_a_key_that_works_at_once_and_is_shown_only_once()
    {
        var tenant = await platform.CreateTenantAsync();
        using var admin = platform.Client(tenant.Admin);

        using var created = await admin.PostAsJsonAsync("/v1/admin/keys", new { role = "decider" });
        var body = await created.JsonAsync();
        var apiKey = body.GetProperty("apiKey").GetString()!;
        var keyId = body.GetProperty("keyId").GetGuid();
        using var decision = await platform.Client(apiKey).PostDecisionAsync(Applications.LowRisk());
        var listed = await (await admin.GetAsync("/v1/admin/keys")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);
        Assert.Contains(keyId.ToString(), listed);
        Assert.Contains(apiKey[..8], listed);
        Assert.DoesNotContain(apiKey, listed);
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        var tenant = await platform.CreateTenantAsync();
        using var admin = platform.Client(tenant.Admin);
        var body = await (await admin.PostAsJsonAsync("/v1/admin/keys", new { role = "analyst" })).JsonAsync();
        using var analyst = platform.Client(body.GetProperty("apiKey").GetString());
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/v1/decisions")).StatusCode);

        using var revoked = await admin.DeleteAsync($"/v1/admin/keys/{body.GetProperty("keyId").GetGuid()}");
        using var after = await analyst.GetAsync("/v1/decisions");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Keys_of_another_tenant_are_not_found_and_non_admins_are_forbidden()
    {
        var tenant = await platform.CreateTenantAsync();
        var other = await platform.CreateTenantAsync();
        var theirs = (await (await platform.Client(other.Admin).PostAsJsonAsync("/v1/admin/keys", new { role = "decider" })).JsonAsync()).GetProperty("keyId").GetGuid();

        using var revokeTheirs = await platform.Client(tenant.Admin).DeleteAsync($"/v1/admin/keys/{theirs}");
        using var byAnalyst = await platform.Client(tenant.Analyst).GetAsync("/v1/admin/keys");
        using var badRole = await platform.Client(tenant.Admin).PostAsJsonAsync("/v1/admin/keys", new { role = "superuser" });

        Assert.Equal(HttpStatusCode.NotFound, revokeTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAnalyst.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.True((await badRole.JsonAsync()).GetProperty("errors").TryGetProperty("role", out _));
    }
}
