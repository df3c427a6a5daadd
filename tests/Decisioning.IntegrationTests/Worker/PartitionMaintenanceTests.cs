using Dapper;
using Decisioning.Benchmarks.History;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;

namespace Decisioning.IntegrationTests.Worker;

public class PartitionMaintenanceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_worker_creates_months_ahead_and_detaches_months_past_retention_keeping_their_rows()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(connectionString);
        var now = DateTime.UtcNow;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO tenants (tenant_id, name) VALUES ('old', 'Old lender')");
        }

        await HistorySeed.InsertAsync(dataSource, "old", 40, now.AddMonths(-20), now.AddDays(-1));
        await using var worker = (await WorkerProcess.StartAsync(connectionString, new Dictionary<string, string>
        {
            ["Partitions:RetentionMonths"] = "12",
            ["Partitions:MonthsAhead"] = "6",
        })).Worker;

        var expectedAhead = $"decisions_y{now.AddMonths(6):yyyy}m{now.AddMonths(6):MM}";
        var expiredMonth = now.AddMonths(-14);
        var expired = $"decisions_y{expiredMonth:yyyy}m{expiredMonth:MM}";
        var kept = $"decisions_y{now.AddMonths(-6):yyyy}m{now.AddMonths(-6):MM}";
        await using var check = await dataSource.OpenConnectionAsync();
        var attached = new List<string>();
        for (var attempt = 0; attempt < 100 && !(attached.Contains(expectedAhead) && !attached.Contains(expired)); attempt++)
        {
            await Task.Delay(200);
            attached = (await check.QueryAsync<string>("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'decisions'::regclass")).AsList();
        }

        Assert.Contains(expectedAhead, attached);
        Assert.Contains(kept, attached);
        Assert.DoesNotContain(expired, attached);
        Assert.DoesNotContain(attached, name => string.CompareOrdinal(name, $"decisions_y{now.AddMonths(-12):yyyy}m{now.AddMonths(-12):MM}") < 0 && name.StartsWith("decisions_y", StringComparison.Ordinal));

        // Detached, not dropped: the rows wait for an archive job, but history no longer reads them.
        Assert.True(await check.ExecuteScalarAsync<long>($"SELECT count(*) FROM {expired}") > 0);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM decisions WHERE decided_at < @Horizon", new { Horizon = new DateTime(now.AddMonths(-13).Year, now.AddMonths(-13).Month, 1, 0, 0, 0, DateTimeKind.Utc) }));
    }
}
