using System.Text.Json;
using Dapper;
using Decisioning.Benchmarks.History;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;

namespace Decisioning.IntegrationTests.History;

// Two million decisions over 24 months for eight tenants: every history query must be an index scan
// on the partitions of the months it asks for, never a sequential scan and never another month.
public sealed class HistoryScaleTests : IClassFixture<HistoryScaleTests.LoadedHistory>
{
    private const int Tenants = 8;
    private const int PerTenant = 250_000;
    private readonly LoadedHistory _history;

    public HistoryScaleTests(LoadedHistory history) => _history = history;

    public static TheoryData<string> Queries => new()
    {
        "list", "list outcome", "list product", "list grade", "list modelVersion", "list policyVersion", "list pd", "list applicationId",
        "list reason", "list next page", "list last 24 months", "stats day", "stats outcome", "stats grade", "stats reason", "export",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Every_history_query_is_an_index_scan_of_its_months_only(string name)
    {
        var now = _history.Now;
        var month = new HistoryFilter(now.AddDays(-30), now);
        var (sql, parameters) = name switch
        {
            "list" => DecisionHistoryStore.ListCommand("t3", month, null, 50),
            "list outcome" => DecisionHistoryStore.ListCommand("t3", month with { Outcome = "refer" }, null, 50),
            "list product" => DecisionHistoryStore.ListCommand("t3", month with { Product = "personal_loan" }, null, 50),
            "list grade" => DecisionHistoryStore.ListCommand("t3", month with { Grade = "B" }, null, 50),
            "list modelVersion" => DecisionHistoryStore.ListCommand("t3", month with { ModelVersion = "german-gbm-1" }, null, 50),
            "list policyVersion" => DecisionHistoryStore.ListCommand("t3", month with { PolicyVersion = "policy-1" }, null, 50),
            "list pd" => DecisionHistoryStore.ListCommand("t3", month with { MinPd = 0.1, MaxPd = 0.2 }, null, 50),
            "list applicationId" => DecisionHistoryStore.ListCommand("t3", new HistoryFilter(now.AddDays(-366), now) { ApplicationId = "LA-1234" }, null, 50),
            "list reason" => DecisionHistoryStore.ListCommand("t3", month with { Reason = "REASON_3" }, null, 50),
            "list next page" => DecisionHistoryStore.ListCommand("t3", month, new HistoryPosition(now.AddDays(-10), Guid.AllBitsSet), 50),
            "list last 24 months" => DecisionHistoryStore.ListCommand("t3", new HistoryFilter(now.AddMonths(-24), now), null, 500),
            "stats day" => DecisionHistoryStore.StatsCommand("t3", month, "day"),
            "stats outcome" => DecisionHistoryStore.StatsCommand("t3", month, "outcome"),
            "stats grade" => DecisionHistoryStore.StatsCommand("t3", month, "grade"),
            "stats reason" => DecisionHistoryStore.StatsCommand("t3", month, "reason"),
            _ => DecisionHistoryStore.ExportCommand("t3", month),
        };

        await using var connection = await _history.DataSource.OpenConnectionAsync();
        var plan = await connection.ExecuteScalarAsync<string>("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, parameters);
        var nodes = Nodes(JsonDocument.Parse(plan!).RootElement[0].GetProperty("Plan")).ToList();

        var scans = nodes.Where(n => n.TryGetProperty("Relation Name", out _)).ToList();
        Assert.NotEmpty(scans);
        Assert.DoesNotContain(scans, n => n.GetProperty("Node Type").GetString() == "Seq Scan");
        var firstMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(name switch
        {
            "list applicationId" => -13,
            "list last 24 months" => -24,
            _ => -2,
        });
        foreach (var scan in scans)
        {
            var relation = scan.GetProperty("Relation Name").GetString()!;
            Assert.Matches("^decisions_y[0-9]{4}m[0-9]{2}$", relation);
            var partitionMonth = new DateTime(int.Parse(relation[11..15]), int.Parse(relation[16..18]), 1, 0, 0, 0, DateTimeKind.Utc);
            Assert.InRange(partitionMonth, firstMonth, now);
        }
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    public sealed class LoadedHistory : IAsyncLifetime
    {
        public DateTime Now { get; } = DateTime.UtcNow;

        public NpgsqlDataSource DataSource { get; private set; } = null!;

        private PostgresServer _server = null!;

        public async Task InitializeAsync()
        {
            _server = await PostgresServer.StartAsync();
            DataSource = NpgsqlDataSource.Create(await _server.CreateDatabaseAsync("history"));
            await Migrator.ApplyAsync(DataSource.ConnectionString);
            await using (var connection = await DataSource.OpenConnectionAsync())
            {
                await connection.ExecuteAsync("INSERT INTO tenants (tenant_id, name) SELECT 't' || i, 'Tenant ' || i FROM generate_series(1, @Tenants) i", new { Tenants });
            }

            // Loaded in parallel, two tenants at a time: the machine has two cores.
            var tenants = Enumerable.Range(1, Tenants).Select(i => "t" + i).ToList();
            await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (tenant, _) =>
                await HistorySeed.InsertAsync(DataSource, tenant, PerTenant, Now.AddMonths(-24).AddDays(1), Now));
            await using (var connection = await DataSource.OpenConnectionAsync())
            {
                await connection.ExecuteAsync("ANALYZE decisions", commandTimeout: 600);
                Assert.Equal(Tenants * PerTenant, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM decisions"));
            }
        }

        public async Task DisposeAsync()
        {
            await DataSource.DisposeAsync();
            await _server.DisposeAsync();
        }
    }
}
