using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;
using Npgsql;

namespace Decisioning.IntegrationTests.Worker;

public class OutboxRelayConcurrencyTests(PostgresFixture postgres, RabbitMqFixture rabbit) : IClassFixture<PostgresFixture>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task Two_workers_relaying_one_outbox_publish_no_event_twice_and_keep_each_tenants_order()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(connectionString);
        var exchange = "events-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await EventQueue.BindAsync(rabbit.Server.AmqpUri, exchange);
        var started = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => WorkerProcess.StartAsync(connectionString, new Dictionary<string, string>
        {
            ["Outbox:RabbitMqUri"] = rabbit.Server.AmqpUri.ToString(),
            ["Outbox:Exchange"] = exchange,
            ["Outbox:BatchSize"] = "10",
            ["Outbox:PollMilliseconds"] = "20",
        })));
        var workers = started.Select(s => s.Worker).ToArray();
        var admins = started.Select(s => s.Admin).ToArray();
        try
        {
            // Events keep arriving while both relays poll, as decisions would.
            const int Rounds = 30, PerRound = 20;
            for (var round = 0; round < Rounds; round++)
            {
                await OutboxEvents.InsertAsync(dataSource, PerRound, "a", "b", "c", "d", "e");
                await Task.Delay(50);
            }

            var received = await queue.ReceiveUntilAsync(r => r.Count >= Rounds * PerRound, TimeSpan.FromSeconds(40));
            received.AddRange(await queue.ReceiveForAsync(TimeSpan.FromSeconds(2)));

            Assert.Equal(Rounds * PerRound, received.Count);
            Assert.Equal(received.Count, received.Select(e => e.MessageId).Distinct().Count());
            foreach (var tenant in received.GroupBy(e => e.TenantId))
            {
                var order = tenant.Select(e => long.Parse(e.MessageId!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(order.Order(), order);
            }

            await using var connection = await dataSource.OpenConnectionAsync();
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE published_at IS NULL"));

            // Both relays did part of the work: the test would have caught two publishing the same events.
            var published = await Task.WhenAll(admins.Select(async admin => (await Scrape.FetchAsync(admin)).Sum("decisioning_outbox_published_total")));
            Assert.Equal(Rounds * PerRound, published.Sum());
            Assert.All(published, count => Assert.True(count > 0));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }
}
