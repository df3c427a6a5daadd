using System.Diagnostics;
using Dapper;
using Npgsql;

namespace Decisioning.Benchmarks.History;

// Loads 24 months of history: the demo tenant and (tenants - 1) others, each with the same number of decisions.
public static class HistoryLoad
{
    public static async Task<int> RunAsync(int tenants, int perTenant)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Decisioning")
            ?? throw new InvalidOperationException("ConnectionStrings__Decisioning is not set.");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var names = Enumerable.Range(1, tenants - 1).Select(i => $"bench-{i}").Prepend("demo").ToList();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO tenants (tenant_id, name) SELECT unnest(@Names), 'Benchmark tenant' ON CONFLICT DO NOTHING", new { Names = names.ToArray() });
        }

        var clock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (tenant, _) =>
            await HistorySeed.InsertAsync(dataSource, tenant, perTenant, now.AddMonths(-24).AddDays(1), now.AddMinutes(-1)));
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // Settled before measuring: statistics fresh, no autovacuum of two million new rows running meanwhile, and
            // the gigabytes the load and the vacuum dirtied written out now rather than by a checkpoint in the middle
            // of the measurement (the figure wanted is a page at that size, not a page during the bulk load's flush).
            await connection.ExecuteAsync("VACUUM (ANALYZE) decisions", commandTimeout: 1200);
            await connection.ExecuteAsync("CHECKPOINT", commandTimeout: 1200, commandType: System.Data.CommandType.Text);
        }

        Console.WriteLine($"Loaded {tenants * (long)perTenant:N0} decisions for {tenants} tenants over 24 months in {clock.Elapsed.TotalSeconds:F0} s.");
        return 0;
    }
}
