using Dapper;
using Decisioning.Data;
using Npgsql;

namespace Worker.Outbox;

// The oldest unpublished events, locked in an open transaction until they are marked published (commit) or
// the batch is disposed unmarked (rollback: nothing changes, the events are claimed again later). Rows another
// relay holds are skipped, so two relays never publish the same event at the same time. The relay works for
// every tenant, so these statements filter on no tenant; it runs as the tables' owner, outside row-level security.
public sealed class OutboxBatch : IAsyncDisposable
{
    // A tenant with an older event held by another relay waits for the next round, so that each tenant's
    // events are published in outbox order. The scan below each claimed row reaches only rows other relays
    // hold (everything older is published or locked), so it stays short whatever the backlog.
    private const string Claim = """
        WITH claimed AS MATERIALIZED (
            SELECT outbox_id, tenant_id, event_type, aggregate_id, payload, trace_id, created_at
            FROM outbox
            WHERE published_at IS NULL
            ORDER BY outbox_id
            LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED
        )
        SELECT c.outbox_id AS OutboxId, c.tenant_id AS TenantId, c.event_type AS EventType, c.aggregate_id AS AggregateId,
               c.payload::text AS Payload, c.trace_id AS TraceId, c.created_at AS CreatedAt
        FROM claimed c
        WHERE NOT EXISTS (
            SELECT 1 FROM outbox o
            WHERE o.published_at IS NULL AND o.outbox_id < c.outbox_id AND o.tenant_id = c.tenant_id
              AND o.outbox_id NOT IN (SELECT outbox_id FROM claimed))
        ORDER BY c.outbox_id
        """;

    private const string MarkPublished = "UPDATE outbox SET published_at = now() WHERE outbox_id = ANY(@Ids)";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private OutboxBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<OutboxEvent> events)
    {
        _connection = connection;
        _transaction = transaction;
        Events = events;
    }

    public IReadOnlyList<OutboxEvent> Events { get; }

    public static async Task<OutboxBatch> ClaimAsync(NpgsqlDataSource dataSource, int batchSize, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("outbox_relay");
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var events = (await connection.QueryAsync<OutboxEvent>(
                new CommandDefinition(Claim, new { BatchSize = batchSize }, transaction, cancellationToken: cancellationToken))).AsList();
            return new OutboxBatch(connection, transaction, events);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Marks the batch's events published and commits; call only once the broker has confirmed every one.
    public async Task MarkPublishedAsync(CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("outbox_relay");
        var ids = Events.Select(e => e.OutboxId).ToArray();
        await _connection.ExecuteAsync(new CommandDefinition(MarkPublished, new { Ids = ids }, _transaction, cancellationToken: cancellationToken));
        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
