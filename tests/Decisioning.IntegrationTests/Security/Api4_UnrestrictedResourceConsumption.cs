using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.Benchmarks.History;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Outcomes;

namespace Decisioning.IntegrationTests.Security;

// OWASP API4:2023. Every request is bounded before it costs much: body (16 KB), headers (Kestrel's 32 KB, see
// BadInputTests), history page (500) and range (366 days, see HistoryApiTests), outcome batches (1,000 rows), and an
// export by its row cap (History:MaxExportRows, 3 on this platform) and its timeout. Each refusal is a 4xx problem
// and stores nothing.
[Collection(SecurityCollection.Name)]
public class Api4_UnrestrictedResourceConsumption(SecurityPlatform security)
{
    private Platform Platform => security.Platform;

    [Fact]
    public async Task Api4_a_decision_body_over_16_kb_is_413_and_nothing_is_stored()
    {
        var tenant = await Platform.CreateTenantAsync();
        var body = Applications.LowRisk();
        body["padding"] = new string('x', 17 * 1024);

        using var response = await Platform.Client(tenant.Decider).PostRawAsync(Encoding.UTF8.GetBytes(body.ToJsonString()), "big-body");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Platform.DecisionCountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Api4_an_export_over_the_row_cap_is_400_before_a_row_is_sent_and_one_within_it_streams()
    {
        var tenant = await Platform.CreateTenantAsync();
        var now = DateTime.UtcNow;
        await HistorySeed.InsertAsync(Platform.DataSource, tenant.TenantId, SecurityPlatform.MaxExportRows, now.AddDays(-10), now.AddDays(-9));
        await HistorySeed.InsertAsync(Platform.DataSource, tenant.TenantId, 1, now.AddDays(-3), now.AddDays(-2), offset: 1000);
        using var analyst = Platform.Client(tenant.Analyst);

        using var tooLarge = await analyst.GetAsync($"/v1/decisions/export?from={now.AddDays(-20):O}");
        using var withinCap = await analyst.GetAsync($"/v1/decisions/export?from={now.AddDays(-11):O}&to={now.AddDays(-8):O}");
        var rows = (await withinCap.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"more than {SecurityPlatform.MaxExportRows} decisions", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withinCap.StatusCode);
        Assert.Equal(SecurityPlatform.MaxExportRows, rows);
    }

    [Fact]
    public async Task Api4_an_outcome_batch_over_1000_rows_is_400_and_nothing_is_recorded()
    {
        var tenant = await Platform.CreateTenantAsync();
        var rows = Enumerable.Range(0, 1001).Select(i => (JsonNode?)OutcomeCalls.ForApplication($"LA-{i}", "repaid")).ToArray();

        using var response = await Platform.Client(tenant.Admin).PostOutcomesAsync(rows);
        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        var recorded = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM loan_outcomes WHERE tenant_id = @TenantId", new { tenant.TenantId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, recorded);
    }
}
