using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;
using Npgsql;

namespace Decisioning.IntegrationTests.Worker;

public class OutboxRelayOutageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string FailingWarning = "Relaying the outbox failed";
    private const string Recovered = "Relaying the outbox recovered";

    [Fact]
    public async Task While_the_broker_is_down_nothing_is_marked_and_the_backlog_grows_and_once_it_is_back_every_event_arrives()
    {
        await using var broker = await RabbitMqServer.StartAsync();
        const string exchange = "decisioning.events";
        var queue = await EventQueue.BindAsync(broker.AmqpUri, exchange);
        await queue.DisconnectAsync();
        await broker.StopServerAsync();

        var connectionString = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(connectionString);
        await OutboxEvents.InsertAsync(dataSource, 20, "a", "b");
        var (worker, admin) = await WorkerProcess.StartAsync(connectionString, new Dictionary<string, string>
        {
            ["Outbox:RabbitMqUri"] = broker.AmqpUri.ToString(),
            ["Outbox:Exchange"] = exchange,
            ["Outbox:BatchSize"] = "8",
            ["Outbox:PollMilliseconds"] = "100",
            ["Outbox:RetryMinMilliseconds"] = "100",
            ["Outbox:RetryMaxMilliseconds"] = "800",
            ["Outbox:MonitorIntervalSeconds"] = "1",
            ["HealthChecks:PublishSeconds"] = "1",
        });
        await using var stopsWorker = worker;

        // Broker down: attempts fail, nothing is marked published, and the backlog shows the events piling up.
        var scrape = await Scrape.UntilAsync(admin, s => s.Sum("decisioning_outbox_publish_failures_total") >= 3 && s.Sum("decisioning_outbox_pending") == 20);
        Assert.True(scrape.Sum("decisioning_outbox_publish_failures_total", ("stage", "broker")) >= 3);
        Assert.Equal(20, scrape.Sum("decisioning_outbox_pending"));
        await OutboxEvents.InsertAsync(dataSource, 15, "a", "c");
        scrape = await Scrape.UntilAsync(admin, s => s.Sum("decisioning_outbox_pending") == 35);
        Assert.Equal(35, scrape.Sum("decisioning_outbox_pending"));
        Assert.Equal(0, scrape.Sum("decisioning_outbox_published_total"));
        Assert.Equal(("Degraded", "Degraded", "Healthy"), await HealthAsync(admin));
        scrape = await Scrape.UntilAsync(admin, s => s.Has("decisioning_health_check_status", ("check", "outbox-relay")));
        Assert.Equal(1, scrape.Sum("decisioning_health_check_status", ("check", "outbox-relay")));
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE published_at IS NOT NULL"));

        // Broker back: every event arrives (a duplicate could only repeat a message id), and the backlog empties.
        await broker.StartServerAsync();
        var ids = (await connection.QueryAsync<long>("SELECT outbox_id FROM outbox ORDER BY outbox_id")).ToList();
        await using (queue)
        {
            var received = await queue.ReceiveUntilAsync(r => r.Select(e => e.MessageId).Distinct().Count() >= ids.Count, TimeSpan.FromSeconds(40));
            Assert.Equal(ids, received.Select(e => long.Parse(e.MessageId!, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order());
            Assert.All(received.GroupBy(e => e.MessageId), same => Assert.Single(same.Select(e => e.Body).Distinct()));
        }

        scrape = await Scrape.UntilAsync(admin, s => s.Sum("decisioning_outbox_pending") == 0);
        Assert.Equal(0, scrape.Sum("decisioning_outbox_pending"));
        Assert.True(scrape.Sum("decisioning_outbox_published_total") >= 35);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE published_at IS NULL"));
        Assert.Equal(("Healthy", "Healthy", "Healthy"), await HealthAsync(admin));

        // One warning when it started failing and one note when it recovered, however many attempts in between.
        Assert.Equal(1, Occurrences(worker.Output, FailingWarning));
        Assert.Equal(1, Occurrences(worker.Output, Recovered));
    }

    // The Worker's /health: overall, the relay's check and the database's.
    private static async Task<(string Status, string Relay, string Database)> HealthAsync(Uri admin)
    {
        using var client = new HttpClient();
        using var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri(admin, "/health")));
        var checks = health.RootElement.GetProperty("checks");
        return (health.RootElement.GetProperty("status").GetString()!, checks.GetProperty("outbox-relay").GetString()!, checks.GetProperty("database").GetString()!);
    }

    private static int Occurrences(string text, string value) => text.Split(value).Length - 1;
}
