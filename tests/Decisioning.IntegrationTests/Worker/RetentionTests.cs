using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;

namespace Decisioning.IntegrationTests.Worker;

// The Worker's retention job deletes what is past its retention, in batches, and nothing that still has a use: an
// event not yet published, a delivery not yet delivered (dead ones wait for a redrive), anything recent.
public class RetentionTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int BatchSize = 100;

    [Fact]
    public async Task Old_published_events_delivered_deliveries_message_ids_and_job_runs_are_deleted_and_everything_still_of_use_is_kept()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await Migrator.ApplyAsync(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(Seed, new { OldEvents = (2 * BatchSize) + 50 });
        }

        await using var worker = (await WorkerProcess.StartAsync(connectionString, new Dictionary<string, string>
        {
            ["Scheduler:Jobs:retention:Cron"] = "0/2 * * * * ?",
            ["Retention:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })).Worker;

        await using var check = await dataSource.OpenConnectionAsync();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM scheduled_job_runs WHERE job_name = 'retention' AND result IS NOT NULL") == 0)
        {
            Assert.True(DateTime.UtcNow < until, "The retention job did not run within 60 s:\n" + worker.Output);
            await Task.Delay(250);
        }

        var run = await check.QuerySingleAsync<(string Result, string? Error)>(
            "SELECT result, error FROM scheduled_job_runs WHERE job_name = 'retention' AND result IS NOT NULL ORDER BY scheduled_fire_time LIMIT 1");
        Assert.True(run.Result == "succeeded", run.Error);

        Assert.Equal(
            ["new published", "new unpublished", "old unpublished"],
            (await check.QueryAsync<string>("SELECT DISTINCT event_type FROM outbox ORDER BY 1")).AsList());
        Assert.Equal(
            ["dead", "failed", "recently delivered"],
            (await check.QueryAsync<string>("SELECT DISTINCT event_type FROM webhook_deliveries ORDER BY 1")).AsList());
        Assert.Equal(["new"], (await check.QueryAsync<string>("SELECT message_id FROM webhook_inbox")).AsList());
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM scheduled_job_runs WHERE job_name = 'old-job'"));
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM scheduled_job_runs WHERE job_name = 'recent-job'"));
        Assert.Contains($"deleted {(2 * BatchSize) + 50} outbox events, 1 webhook deliveries, 1 webhook message ids and 1 job runs", worker.Output);
    }

    // Old means past the defaults (7 days for events and message ids, 30 for deliveries, 90 for job runs). The old
    // events span several batches; one old event is still unpublished.
    private const string Seed = """
        INSERT INTO tenants (tenant_id, name) VALUES ('t', 'Lender');
        INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload, created_at, published_at)
        SELECT 't', 'old published', gen_random_uuid(), '{}', now() - interval '8 days', now() - interval '8 days'
        FROM generate_series(1, @OldEvents);
        INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload, created_at, published_at) VALUES
            ('t', 'old unpublished', gen_random_uuid(), '{}', now() - interval '8 days', NULL),
            ('t', 'new published', gen_random_uuid(), '{}', now() - interval '1 day', now() - interval '1 day'),
            ('t', 'new unpublished', gen_random_uuid(), '{}', now(), NULL);

        INSERT INTO webhook_endpoints (tenant_id, endpoint_id, url, events, secret)
        VALUES ('t', '00000000-0000-0000-0000-000000000001', 'https://lender.example/hooks', '{decision.made.v1}', 'whsec_x');
        INSERT INTO webhook_deliveries (tenant_id, delivery_id, endpoint_id, event_id, event_type, body, status, next_attempt_at, created_at, delivered_at)
        SELECT 't', gen_random_uuid(), '00000000-0000-0000-0000-000000000001', gen_random_uuid(), kind, '{}', status, next_attempt_at, created_at, delivered_at
        FROM (VALUES
            ('long delivered', 'delivered', NULL, now() - interval '40 days', now() - interval '31 days'),
            ('recently delivered', 'delivered', NULL, now() - interval '40 days', now() - interval '29 days'),
            ('dead', 'dead', NULL, now() - interval '40 days', NULL),
            ('failed', 'failed', now() + interval '1 day', now() - interval '40 days', NULL)
        ) AS d (kind, status, next_attempt_at, created_at, delivered_at);

        INSERT INTO webhook_inbox (message_id, received_at) VALUES ('old', now() - interval '8 days'), ('new', now() - interval '6 days');

        INSERT INTO scheduled_job_runs (job_name, scheduled_fire_time, started_at, finished_at, worker_instance, result) VALUES
            ('old-job', now() - interval '91 days', now() - interval '91 days', now() - interval '91 days', 'w', 'succeeded'),
            ('recent-job', now() - interval '89 days', now() - interval '89 days', now() - interval '89 days', 'w', 'succeeded');
        """;
}
