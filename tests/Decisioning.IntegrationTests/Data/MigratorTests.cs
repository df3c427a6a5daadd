using System.Security.Cryptography;
using System.Text;
using Dapper;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;

namespace Decisioning.IntegrationTests.Data;

// The Migrator as run.sh, compose and a Kubernetes Job run it: FluentMigrator's runner under our advisory lock, with
// the checksums of applied scripts, upgrading databases that the runner before FluentMigrator created.
public class MigratorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string[] Scripts = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "services", "Migrator", "Migrations"), "*.sql")
        .Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Applies_every_migration_once_then_finds_the_schema_up_to_date()
    {
        var connectionString = await postgres.NewDatabaseAsync();

        var (firstCode, first) = await Migrator.RunAsync(connectionString);
        var (secondCode, second) = await Migrator.RunAsync(connectionString);

        Assert.True(firstCode == 0, first);
        Assert.Equal(0, secondCode);
        Assert.Contains($"Applied {Scripts.Length} migration(s):\n  1 (", first);
        Assert.Contains("Schema is up to date.", second);
        Assert.Equal(AllVersions(), await AppliedVersionsAsync(connectionString));
        Assert.Equal(Scripts.Length, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_migrators_wait_for_one_another_and_apply_each_migration_once()
    {
        var connectionString = await postgres.NewDatabaseAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Migrator.RunAsync(connectionString)));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        Assert.Single(runs, run => run.Output.Contains($"Applied {Scripts.Length} migration(s)"));
        Assert.Equal(3, runs.Count(run => run.Output.Contains("Schema is up to date.")));
        Assert.Equal(AllVersions(), await AppliedVersionsAsync(connectionString));
    }

    [Fact]
    public async Task Refuses_to_run_when_an_applied_migration_was_changed()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await Migrator.ApplyAsync(connectionString);
        // As if script 0003 had been edited since it was applied: what was applied and what the code has differ.
        await ExecuteAsync(connectionString, "UPDATE schema_migrations SET checksum = 'c0ffee' WHERE version = 3");

        var (exitCode, output) = await Migrator.RunAsync(connectionString);

        Assert.Equal(1, exitCode);
        Assert.Contains("Migration 3 (0003_reviews_outcomes) was changed after it was applied", output);
        Assert.Contains("add a new migration instead", output);
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_whole_and_stops_the_run_with_a_message()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        // Migration 1 creates tenants, api_keys and idempotency_keys, then outbox, which is in the way.
        await ExecuteAsync(connectionString, "CREATE TABLE outbox (id int)");

        var (exitCode, output) = await Migrator.RunAsync(connectionString);

        Assert.Equal(1, exitCode);
        Assert.Contains("Migration 1 (", output);
        Assert.Contains("failed and was rolled back", output);
        Assert.Contains("\"outbox\" already exists", output);
        Assert.Null(await ScalarAsync<string?>(connectionString, "SELECT to_regclass('tenants')::text"));
        Assert.Empty(await AppliedVersionsAsync(connectionString));
        Assert.Equal(0, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_database_of_the_earlier_runner_upgrades_in_place_keeping_its_rows_and_running_only_what_it_lacks()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await ApplyAsTheEarlierRunnerDidAsync(connectionString, Scripts[..^1]);
        await ExecuteAsync(connectionString, """
            INSERT INTO tenants (tenant_id, name) VALUES ('kept', 'Kept lender');
            INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload) VALUES ('kept', 'decision.made.v1', gen_random_uuid(), '{}');
            """);

        var (exitCode, output) = await Migrator.RunAsync(connectionString);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Applied 1 migration(s):\n  {AllVersions()[^1]} (", output);
        Assert.Equal(AllVersions(), await AppliedVersionsAsync(connectionString));
        Assert.Equal("Kept lender", await ScalarAsync<string>(connectionString, "SELECT name FROM tenants WHERE tenant_id = 'kept'"));
        Assert.Equal(1, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM outbox WHERE tenant_id = 'kept'"));
        Assert.Contains("Schema is up to date.", (await Migrator.RunAsync(connectionString)).Output);
    }

    // The scripts' numbers (NNNN_name.sql), which may skip one reserved for a migration still to come.
    private static List<long> AllVersions() =>
        Scripts.Select(path => long.Parse(Path.GetFileName(path)[..4], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    // What the runner before FluentMigrator did (its code until FluentMigrator replaced it): each script in a
    // transaction, with a schema_migrations row holding the SHA-256 of its text.
    private static async Task ApplyAsTheEarlierRunnerDidAsync(string connectionString, IEnumerable<string> scripts)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """);
        foreach (var path in scripts)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var sql = (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n", StringComparison.Ordinal);
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, checksum) VALUES (@Version, @Name, @Checksum)", new
            {
                Version = int.Parse(name[..4], System.Globalization.CultureInfo.InvariantCulture),
                Name = name,
                Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql))),
            }, transaction);
            await transaction.CommitAsync();
        }
    }

    // FluentMigrator's own record of what is applied.
    private static async Task<List<long>> AppliedVersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<long>("""SELECT "Version" FROM "VersionInfo" ORDER BY "Version" """)).AsList();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(sql);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }
}
