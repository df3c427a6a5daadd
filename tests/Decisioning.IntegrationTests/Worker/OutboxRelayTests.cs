using System.Net;
using System.Text.Json;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;

namespace Decisioning.IntegrationTests.Worker;

public class OutboxRelayTests(Platform platform, RabbitMqFixture rabbit) : IClassFixture<Platform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task Decisions_reach_the_events_exchange_once_each_in_outbox_order_with_their_tenant_and_trace_and_are_marked_published()
    {
        var first = await platform.CreateTenantAsync();
        var second = await platform.CreateTenantAsync();
        var applicationIds = new List<string>();
        foreach (var (tenant, i) in new[] { first, second, first, first, second, first, second }.Select((t, i) => (t, i)))
        {
            var applicationId = $"LA-RELAY-{Guid.NewGuid():N}"[..20];
            applicationIds.Add(applicationId);
            using var response = await platform.Client(tenant.Decider).PostDecisionAsync(i % 2 == 0 ? Applications.LowRisk(applicationId) : Applications.HighRisk(applicationId));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var exchange = "events-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await EventQueue.BindAsync(rabbit.Server.AmqpUri, exchange);
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        var outbox = (await connection.QueryAsync<(long OutboxId, string TenantId, Guid AggregateId, string TraceId)>(
            "SELECT outbox_id, tenant_id, aggregate_id, trace_id FROM outbox ORDER BY outbox_id")).AsList();
        Assert.Equal(7, outbox.Count);

        // Batches of 3, so the order has to hold across batches too.
        await platform.StartWorkerAsync(new Dictionary<string, string>
        {
            ["Outbox:RabbitMqUri"] = rabbit.Server.AmqpUri.ToString(),
            ["Outbox:Exchange"] = exchange,
            ["Outbox:BatchSize"] = "3",
            ["Outbox:PollMilliseconds"] = "100",
            ["Outbox:MonitorIntervalSeconds"] = "1",
        });

        var received = await queue.ReceiveUntilAsync(r => r.Count >= outbox.Count, TimeSpan.FromSeconds(30));
        received.AddRange(await queue.ReceiveForAsync(TimeSpan.FromSeconds(2)));

        Assert.Equal(outbox.Select(e => e.OutboxId.ToString(System.Globalization.CultureInfo.InvariantCulture)), received.Select(e => e.MessageId));
        foreach (var (stored, message) in outbox.Zip(received))
        {
            Assert.Equal("decision.made.v1", message.RoutingKey);
            Assert.Equal("decision.made.v1", message.Type);
            Assert.Equal("application/json", message.ContentType);
            Assert.True(message.Persistent);
            Assert.Equal(stored.TenantId, message.TenantId);
            Assert.Matches($"^00-{stored.TraceId}-[0-9a-f]{{16}}-01$", message.TraceParent);
            Assert.DoesNotMatch("^00-[0-9a-f]{32}-0{16}-01$", message.TraceParent);
            var body = JsonDocument.Parse(message.Body).RootElement;
            Assert.Equal(stored.AggregateId, body.GetProperty("decisionId").GetGuid());
            Assert.Equal(stored.TenantId, body.GetProperty("tenantId").GetString());
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE published_at IS NULL"));
        var scrape = await Scrape.UntilAsync(platform.WorkerAdminAddress, s => s.Sum("decisioning_outbox_pending") == 0 && s.Has("decisioning_outbox_pending"));
        Assert.Equal(outbox.Count, scrape.Sum("decisioning_outbox_published_total"));
        Assert.Equal(0, scrape.Sum("decisioning_outbox_publish_failures_total"));
        Assert.True(scrape.Has("decisioning_outbox_publish_failures_total", ("stage", "broker")));
        Assert.True(scrape.Sum("decisioning_db_query_seconds_count", ("operation", "outbox_relay")) >= 3);

        // Payloads are never logged.
        var output = platform.Worker!.Output;
        Assert.Contains("Relaying the outbox to exchange " + exchange, output);
        Assert.All(applicationIds, id => Assert.DoesNotContain(id, output));
    }
}
