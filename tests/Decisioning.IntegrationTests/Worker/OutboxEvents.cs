using Dapper;
using Npgsql;

namespace Decisioning.IntegrationTests.Worker;

// Outbox rows as the Gateway writes them, without making decisions: for tests of the relay alone.
public static class OutboxEvents
{
    /// <summary>Inserts <paramref name="count"/> events spread over <paramref name="tenants"/> in turn, each with its own trace id.</summary>
    public static async Task InsertAsync(NpgsqlDataSource dataSource, int count, params string[] tenants)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload, trace_id)
            SELECT (@Tenants)[1 + (i - 1) % cardinality(@Tenants)], 'decision.made.v1', id,
                   jsonb_build_object('decisionId', id, 'outcome', 'approve'), md5(id::text)
            FROM generate_series(1, @Count) AS i, LATERAL (SELECT gen_random_uuid() AS id) AS g
            ORDER BY i
            """,
            new { Tenants = tenants, Count = count });
    }
}
