using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;
using Npgsql;

namespace Decisioning.IntegrationTests.Worker;

public class OutboxMonitorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_worker_shows_the_outbox_backlog_and_the_age_of_its_oldest_event_and_its_database_use()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload, created_at, published_at) VALUES
              ('a', 'decision.made', gen_random_uuid(), '{}', now() - interval '10 minutes', now() - interval '9 minutes'),
              ('a', 'decision.made', gen_random_uuid(), '{}', now() - interval '90 seconds', NULL),
              ('b', 'decision.made', gen_random_uuid(), '{}', now() - interval '30 seconds', NULL),
              ('a', 'decision.made', gen_random_uuid(), '{}', now(), NULL)
            """);
        var adminPort = FreePort.Next();
        var admin = new Uri($"http://127.0.0.1:{adminPort}");
        await using var worker = await ServiceProcess.StartAsync(
            "Worker",
            new Dictionary<string, string>
            {
                ["Kestrel:Endpoints:Admin:Url"] = admin.ToString(),
                ["ConnectionStrings:Decisioning"] = connectionString,
                ["Outbox:MonitorIntervalSeconds"] = "1",
            },
            new Uri(admin, "/alive").ToString());

        // Three unpublished events, the oldest a minute and a half old; the published one does not count.
        // A scrape may fall between a reading's query timing and its gauges (the registry is read metric by metric).
        var scrape = await Scrape.UntilAsync(admin, s => s.Has("decisioning_outbox_pending") && s.Sum("decisioning_db_query_seconds_count", ("operation", "outbox_backlog")) >= 1);
        Assert.Equal(3, scrape.Sum("decisioning_outbox_pending"));
        Assert.InRange(scrape.Sum("decisioning_outbox_oldest_age_seconds"), 90, 150);
        Assert.True(scrape.Has("npgsql_db_client_connection_count", ("db_client_connection_state", "idle")));
        Assert.True(scrape.Has("npgsql_db_client_connection_count", ("db_client_connection_state", "used")));
        Assert.True(scrape.Sum("npgsql_db_client_connection_max") > 0);

        // No broker configured: the relay stays off, says so once, and the events wait.
        Assert.Equal(1, worker.Output.Split("The outbox relay is off").Length - 1);

        // Once everything is published the backlog reads empty, with age 0.
        await connection.ExecuteAsync("UPDATE outbox SET published_at = now() WHERE published_at IS NULL");
        scrape = await Scrape.UntilAsync(admin, s => s.Sum("decisioning_outbox_pending") == 0);
        Assert.Equal(0, scrape.Sum("decisioning_outbox_oldest_age_seconds"));
    }
}
