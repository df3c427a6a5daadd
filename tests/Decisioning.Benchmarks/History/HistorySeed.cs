using Dapper;
using Npgsql;

namespace Decisioning.Benchmarks.History;

// Loads synthetic history for the history benchmark and the history tests (which compile this file too).
public static class HistorySeed
{
    private static readonly string Insert = ReadSql();

    /// <summary>Inserts <paramref name="count"/> decisions for the tenant spread between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static async Task InsertAsync(NpgsqlDataSource dataSource, string tenantId, int count, DateTime from, DateTime to, int offset = 0)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(new CommandDefinition(
            Insert,
            new { TenantId = tenantId, Count = count, Offset = offset, From = from, To = to },
            commandTimeout: 1800));
    }

    private static string ReadSql()
    {
        using var stream = typeof(HistorySeed).Assembly.GetManifestResourceStream("seed_decisions.sql")
            ?? throw new InvalidOperationException("seed_decisions.sql is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
