using Dapper;
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Migrator;

// Runs this assembly's FluentMigrator migrations, each in its own transaction, under a PostgreSQL advisory lock so
// that concurrent migrators wait for one another. Beside FluentMigrator's VersionInfo, schema_migrations keeps the
// checksum of every applied script: a migration whose script was edited after it was applied is refused. It is also
// the history our runner kept before FluentMigrator: what it applied is recorded as applied, never run again.
public static class SchemaMigrations
{
    public const string ChecksumTable = "schema_migrations";

    // The key the earlier runner took too, so an old and a new migrator never run together either.
    private const long LockKey = 0x4465_6369_7369_6F6E;

    private const string CreateChecksums = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string SelectChecksums = "SELECT version::bigint AS Version, name AS Name, checksum AS Checksum FROM schema_migrations ORDER BY version";

    /// <summary>Applies the pending migrations; returns the descriptions of those it applied, in order.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Waits as long as another migrator runs (no command timeout): a deployment's job has its own deadline.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, commandTimeout: 0, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateChecksums, cancellationToken: cancellationToken));
            var recorded = (await connection.QueryAsync<RecordedScript>(new CommandDefinition(SelectChecksums, cancellationToken: cancellationToken))).AsList();
            RefuseEdited(recorded);
            return Migrate(connectionString, recorded);
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    private static void RefuseEdited(IEnumerable<RecordedScript> recorded)
    {
        foreach (var applied in recorded)
        {
            if (MigrationScript.Embedded.FirstOrDefault(s => s.Version == applied.Version) is { } script && script.Checksum != applied.Checksum)
            {
                throw new InvalidOperationException(
                    $"Migration {applied.Version} ({applied.Name}) was changed after it was applied: " +
                    $"the database recorded checksum {applied.Checksum}, the code has {script.Checksum}. " +
                    "Applied migrations are forward-only; add a new migration instead.");
            }
        }
    }

    private static List<string> Migrate(string connectionString, IEnumerable<RecordedScript> recorded)
    {
        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner
                .AddPostgres15_0()
                .WithGlobalConnectionString(connectionString)
                .ScanIn(typeof(SchemaMigrations).Assembly).For.Migrations())
            .BuildServiceProvider();
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
        var versions = scope.ServiceProvider.GetRequiredService<IVersionLoader>();
        var migrations = runner.MigrationLoader.LoadMigrations();
        if (MigrationScript.Embedded.FirstOrDefault(s => !migrations.ContainsKey(s.Version)) is { } orphan)
        {
            throw new InvalidOperationException($"Script {orphan.Name}.sql has no migration class: it would never run.");
        }

        // Applied by the runner before FluentMigrator (its history is schema_migrations): recorded as applied, not run again.
        foreach (var applied in recorded.Where(r => migrations.ContainsKey(r.Version) && !versions.VersionInfo.HasAppliedMigration(r.Version)))
        {
            versions.UpdateVersionInfo(applied.Version, migrations[applied.Version].Description);
        }

        versions.LoadVersionInfo();
        var done = new List<string>();
        foreach (var (version, migration) in migrations.Where(m => !versions.VersionInfo.HasAppliedMigration(m.Key)))
        {
            var name = $"{version} ({migration.Description})";
            try
            {
                runner.MigrateUp(version);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Migration {name} failed and was rolled back: {ex.GetBaseException().Message}", ex);
            }

            done.Add(name);
        }

        return done;
    }

    private sealed record RecordedScript(long Version, string Name, string Checksum);
}
