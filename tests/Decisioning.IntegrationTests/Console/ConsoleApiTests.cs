using System.Net;
using Dapper;
using Decisioning.IntegrationTests.Decisions;

namespace Decisioning.IntegrationTests.Console;

/// <summary>What the console reads beyond the public API (who the key is, what the applicant submitted) and how it is served.</summary>
[Collection(ConsoleCollection.Name)]
public class ConsoleApiTests(ConsoleFixture console)
{
    [Fact]
    public async Task Me_names_the_keys_tenant_and_role_and_needs_a_key()
    {
        var tenant = await console.Platform.CreateTenantAsync();

        var reviewer = await (await console.Platform.Client(tenant.Reviewer).GetAsync("/v1/me")).JsonAsync();
        using var anonymous = await console.Platform.Client(null).GetAsync("/v1/me");

        Assert.Equal(tenant.TenantId, reviewer.GetProperty("tenantId").GetString());
        Assert.Equal("reviewer", reviewer.GetProperty("role").GetString());
        Assert.Contains("{traceId}", reviewer.GetProperty("traceUrlTemplate").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_application_is_shown_to_analysts_and_reviewers_of_its_tenant_only_and_every_read_is_audited()
    {
        var tenant = await console.Platform.CreateTenantAsync();
        var other = await console.Platform.CreateTenantAsync();
        using var made = await console.Platform.Client(tenant.Decider).PostDecisionAsync(Applications.LowRisk("LA-APPLICATION"));
        var decisionId = (await made.JsonAsync()).GetProperty("decisionId").GetGuid();
        var path = $"/v1/decisions/{decisionId}/application";

        using var analyst = await console.Platform.Client(tenant.Analyst).GetAsync(path);
        using var reviewer = await console.Platform.Client(tenant.Reviewer).GetAsync(path);
        using var decider = await console.Platform.Client(tenant.Decider).GetAsync(path);
        using var otherTenant = await console.Platform.Client(other.Analyst).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, analyst.StatusCode);
        var body = await analyst.JsonAsync();
        Assert.Equal("LA-APPLICATION", body.GetProperty("application").GetProperty("applicationId").GetString());
        Assert.Equal(45, body.GetProperty("application").GetProperty("applicant").GetProperty("age").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("loanOutcome").ValueKind);
        Assert.Equal(HttpStatusCode.OK, reviewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, decider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        await using var connection = await console.Platform.DataSource.OpenConnectionAsync();
        var reads = await connection.QueryAsync<string>(
            "SELECT actor_role FROM audit_log WHERE tenant_id = @tenantId AND action = 'decision.read_application' AND target = @target ORDER BY seq",
            new { tenantId = tenant.TenantId, target = $"decision:{decisionId}" });
        Assert.Equal(["analyst", "reviewer"], reads);
    }

    [Fact]
    public async Task The_console_is_served_under_a_strict_policy_while_the_api_keeps_its_own()
    {
        using var client = console.Platform.Client(null);

        using var redirect = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = console.Platform.GatewayAddress }.GetAsync("/console");
        using var page = await client.GetAsync("/console/");
        using var script = await client.GetAsync("/console/console.js");
        using var api = await client.GetAsync("/v1/me");

        Assert.Equal("/console/", redirect.Headers.Location?.AbsolutePath);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", string.Join(";", api.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-store", api.Headers.CacheControl?.ToString());
    }
}
