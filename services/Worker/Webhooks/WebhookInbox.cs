using Decisioning.Data;
using Npgsql;

namespace Worker.Webhooks;

// Turns consumed events into one delivery per subscribed endpoint of their tenant, once: the message ids go into
// the inbox in the same statement, so a redelivered message finds its id there and creates nothing. The event id is
// derived from the message id, so even after the inbox has forgotten it, the unique (endpoint, event) index keeps a
// second delivery out. A batch of messages is one statement and one commit. The Worker runs as the tables' owner,
// outside row-level security; every row names its tenant.
public sealed class WebhookInbox(NpgsqlDataSource dataSource)
{
    private const string Accept = """
        WITH incoming AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[])
                AS m(message_id, tenant_id, event_type, event_id, body, trace_id)
        ), inbox AS (
            INSERT INTO webhook_inbox (message_id) SELECT message_id FROM incoming
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id
        ), deliveries AS (
            INSERT INTO webhook_deliveries (tenant_id, delivery_id, endpoint_id, event_id, event_type, body, trace_id)
            SELECT m.tenant_id, gen_random_uuid(), e.endpoint_id, m.event_id, m.event_type, m.body, m.trace_id
            FROM incoming m
            JOIN inbox USING (message_id)
            JOIN webhook_endpoints e ON e.tenant_id = m.tenant_id AND m.event_type = ANY(e.events) AND e.disabled_at IS NULL AND e.deleted_at IS NULL
            ON CONFLICT (endpoint_id, event_id) DO NOTHING
        )
        SELECT count(*)::int FROM inbox
        """;

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

    /// <summary>
    /// Records the messages and creates their deliveries in one transaction; returns how many messages were new (not
    /// consumed before, nor earlier in the batch).
    /// </summary>
    public async Task<int> AcceptAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_accept");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Accept, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = [.. messages.Select(m => m.MessageId)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. messages.Select(m => m.TenantId)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. messages.Select(m => m.EventType)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. messages.Select(m => EventIdOf(m.MessageId))] },
                new NpgsqlParameter<string[]> { TypedValue = [.. messages.Select(m => m.Body)] },
                new NpgsqlParameter<string?[]> { TypedValue = [.. messages.Select(m => m.TraceId)] },
            },
        };
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
