using System.Reflection;
using System.Text;
using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>
/// Applies the embedded, numbered SQL migrations in order, each in its own transaction, under a
/// PostgreSQL advisory lock so that concurrent runners never race. Every applied migration is
/// recorded with a checksum; a runner that finds an applied migration changed refuses to go on.
/// </summary>
public static class MigrationRunner
{
    // Any constant works; it only has to be the same for every runner of this schema.
    private const long LockKey = 0x4465_6369_7369_6F6E;

    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string SelectApplied = "SELECT version, name, checksum FROM schema_migrations ORDER BY version";

    private const string InsertApplied = "INSERT INTO schema_migrations (version, name, checksum) VALUES (@Version, @Name, @Checksum)";

    /// <summary>The migrations embedded in this assembly, ordered by version.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded(typeof(MigrationRunner).Assembly);

    /// <summary>Applies the pending <see cref="Embedded"/> migrations; returns the names of those it applied.</summary>
    public static Task<IReadOnlyList<string>> RunAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        RunAsync(dataSource, Embedded, cancellationToken);

    /// <summary>Applies the pending <paramref name="migrations"/>; returns the names of those it applied.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateHistory, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<AppliedMigration>(new CommandDefinition(SelectApplied, cancellationToken: cancellationToken)))
                .ToDictionary(m => m.Version);

            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Version, out var done) && done.Checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version} ({migration.Name}) was changed after it was applied: " +
                        $"the database recorded checksum {done.Checksum}, the code has {migration.Checksum}. " +
                        "Applied migrations are forward-only; add a new migration instead.");
                }
            }

            var newlyApplied = new List<string>();
            foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(InsertApplied, migration, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                newlyApplied.Add(migration.Name);
            }

            return newlyApplied;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    /// <summary>Reads migrations named <c>NNNN_description.sql</c> embedded under <c>Migrations/</c>.</summary>
    public static IReadOnlyList<Migration> LoadEmbedded(Assembly assembly)
    {
        const string prefix = "Migrations/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^".sql".Length];
            var separator = name.IndexOf('_');
            if (separator <= 0 || !int.TryParse(name[..separator], out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(Migration.Create(version, name, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    private sealed record AppliedMigration(int Version, string Name, string Checksum);
}
