using Dapper;
using Decisioning.Data;
using Npgsql;

namespace Worker.Webhooks;

// Turns one consumed event into one delivery per subscribed endpoint of its tenant, once: the message id goes into
// the inbox in the same statement, so a redelivered message finds it there and creates nothing. The event id is derived
// from the message id, so even after the inbox has forgotten it, the unique (endpoint, event) index keeps a second
// delivery out. The Worker runs as
// the tables' owner, outside row-level security; every statement names the tenant.
public sealed class WebhookInbox(NpgsqlDataSource dataSource)
{
    private const string Accept = """
        WITH inbox AS (
            INSERT INTO webhook_inbox (message_id) VALUES (@MessageId)
            ON CONFLICT (message_id) DO NOTHING
            RETURNING 1
        ), deliveries AS (
            INSERT INTO webhook_deliveries (tenant_id, delivery_id, endpoint_id, event_id, event_type, body, trace_id)
            SELECT e.tenant_id, gen_random_uuid(), e.endpoint_id, @EventId, @EventType, @Body, @TraceId
            FROM webhook_endpoints e, inbox
            WHERE e.tenant_id = @TenantId AND @EventType = ANY(e.events) AND e.disabled_at IS NULL AND e.deleted_at IS NULL
            ON CONFLICT (endpoint_id, event_id) DO NOTHING
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM inbox)::int AS New, (SELECT count(*) FROM deliveries)::int AS Deliveries
        """;

    private const string Forget = "DELETE FROM webhook_inbox WHERE received_at < now() - @Retention";

    /// <summary>The event id (the webhook-id receivers deduplicate on) of a broker message: a name-based UUID of its message id.</summary>
    public static Guid EventIdOf(string messageId)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("decisioning.events/" + messageId), hash);
        // RFC 9562 version 8 (custom) and variant bits.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>Records the message; null when its id was consumed before, else the number of deliveries created.</summary>
    public async Task<int?> AcceptAsync(string messageId, string tenantId, string eventType, Guid eventId, string body, string? traceId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_accept");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = new { MessageId = messageId, TenantId = tenantId, EventType = eventType, EventId = eventId, Body = body, TraceId = traceId };
        var (fresh, deliveries) = await connection.QuerySingleAsync<(int New, int Deliveries)>(new CommandDefinition(Accept, row, cancellationToken: cancellationToken));
        return fresh == 1 ? deliveries : null;
    }

    /// <summary>Forgets message ids older than <paramref name="retention"/>.</summary>
    public async Task<int> ForgetOlderThanAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Forget, new { Retention = retention }, cancellationToken: cancellationToken));
    }
}
