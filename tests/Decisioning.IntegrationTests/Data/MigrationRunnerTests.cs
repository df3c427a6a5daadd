using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;

namespace Decisioning.IntegrationTests.Data;

public class MigrationRunnerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Applies_every_migration_once_and_records_its_checksum()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.NewDatabaseAsync());

        var first = await MigrationRunner.RunAsync(dataSource);
        var second = await MigrationRunner.RunAsync(dataSource);

        Assert.Equal(MigrationRunner.Embedded.Select(m => m.Name), first);
        Assert.Empty(second);
        await using var connection = await dataSource.OpenConnectionAsync();
        var recorded = (await connection.QueryAsync<(int Version, string Checksum)>("SELECT version, checksum FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(MigrationRunner.Embedded.Select(m => (m.Version, m.Checksum)), recorded);
    }

    [Fact]
    public async Task Concurrent_runners_apply_each_migration_exactly_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.NewDatabaseAsync());

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MigrationRunner.RunAsync(dataSource)));

        Assert.Equal(MigrationRunner.Embedded.Count, runs.Sum(applied => applied.Count));
        Assert.Single(runs, applied => applied.Count > 0);
    }

    [Fact]
    public async Task Refuses_to_run_when_an_applied_migration_was_changed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.NewDatabaseAsync());
        var original = Migration.Create(1, "0001_accounts", "CREATE TABLE accounts (id int PRIMARY KEY);");
        await MigrationRunner.RunAsync(dataSource, [original]);
        var edited = Migration.Create(1, "0001_accounts", "CREATE TABLE accounts (id bigint PRIMARY KEY);");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrationRunner.RunAsync(dataSource, [edited]));

        Assert.Contains("0001_accounts", error.Message);
        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_leaves_no_trace_and_stops_the_run()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.NewDatabaseAsync());
        var good = Migration.Create(1, "0001_accounts", "CREATE TABLE accounts (id int PRIMARY KEY);");
        var bad = Migration.Create(2, "0002_broken", "CREATE TABLE half_done (id int); SELECT no_such_function();");
        var later = Migration.Create(3, "0003_later", "CREATE TABLE later (id int);");

        await Assert.ThrowsAsync<PostgresException>(() => MigrationRunner.RunAsync(dataSource, [good, bad, later]));

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal([1], await connection.QueryAsync<int>("SELECT version FROM schema_migrations"));
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('half_done')::text"));
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('later')::text"));
    }

    [Fact]
    public void Embedded_migrations_are_numbered_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, MigrationRunner.Embedded.Count), MigrationRunner.Embedded.Select(m => m.Version));
    }
}
