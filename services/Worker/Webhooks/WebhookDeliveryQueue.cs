using Dapper;
using Decisioning.Data;
using Npgsql;

namespace Worker.Webhooks;

// The senders' side of webhook_deliveries. A claim moves each due delivery's next_attempt_at forward by a lease in
// one statement (SKIP LOCKED: concurrent senders take different rows), so no two senders try one delivery at once and
// a sender that dies mid-attempt leaves it to be claimed again when the lease runs out. The Worker runs as the
// tables' owner, outside row-level security; every update names the delivery's tenant.
public sealed class WebhookDeliveryQueue(NpgsqlDataSource dataSource)
{
    private const string Claim = """
        WITH due AS (
            SELECT tenant_id, endpoint_id, delivery_id
            FROM webhook_deliveries
            WHERE next_attempt_at <= now()
            ORDER BY next_attempt_at
            LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED
        )
        UPDATE webhook_deliveries d
        SET next_attempt_at = now() + @Lease
        FROM due, webhook_endpoints e
        WHERE d.tenant_id = due.tenant_id AND d.endpoint_id = due.endpoint_id AND d.delivery_id = due.delivery_id
          AND e.tenant_id = d.tenant_id AND e.endpoint_id = d.endpoint_id
        RETURNING d.tenant_id AS TenantId, d.endpoint_id AS EndpointId, d.delivery_id AS DeliveryId, d.event_id AS EventId,
                  d.event_type AS EventType, d.body AS Body, d.trace_id AS TraceId, d.status AS Status,
                  d.schedule_attempts AS ScheduleAttempts, d.next_attempt_at AS LeaseUntil, e.url AS Url, e.secret AS Secret,
                  CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS PreviousSecret,
                  e.deleted_at IS NOT NULL AS Deleted, e.disabled_at IS NOT NULL AS Disabled
        """;

    // An attempt's outcome (Attempts 1) or a postponement (Attempts 0: status, counts and last result unchanged).
    private const string Record = """
        UPDATE webhook_deliveries
        SET status = @Status, attempts = attempts + @Attempts, schedule_attempts = schedule_attempts + @Attempts,
            last_status_code = CASE WHEN @Attempts = 1 THEN @StatusCode ELSE last_status_code END,
            last_error = CASE WHEN @Attempts = 1 OR @Error IS NOT NULL THEN @Error ELSE last_error END,
            next_attempt_at = @NextAttemptAt,
            delivered_at = CASE WHEN @Status = 'delivered' THEN now() END
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND delivery_id = @DeliveryId AND next_attempt_at = @LeaseUntil
        """;

    private const string Disable = """
        UPDATE webhook_endpoints SET disabled_at = now(), disabled_reason = @Reason
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND disabled_at IS NULL
        """;

    // Dead deliveries a redrive could still send: not those of deleted or disabled endpoints.
    private const string CountDead = """
        SELECT count(*)
        FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.endpoint_id = d.endpoint_id
        WHERE d.status = 'dead' AND e.deleted_at IS NULL AND e.disabled_at IS NULL
        """;

    // A rotated-out secret is kept only while it still signs.
    private const string ForgetExpiredSecrets = """
        UPDATE webhook_endpoints SET previous_secret = NULL, previous_secret_expires_at = NULL
        WHERE previous_secret_expires_at <= now()
        """;

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_claim");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition(Claim, new { BatchSize = batchSize, Lease = lease }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Records what became of a claimed delivery; false when its claim had run out and another sender holds it.</summary>
    public async Task<bool> RecordAsync(ClaimedDelivery delivery, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_record");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = new
        {
            delivery.TenantId,
            delivery.EndpointId,
            delivery.DeliveryId,
            delivery.LeaseUntil,
            outcome.Status,
            Attempts = outcome.Attempted ? 1 : 0,
            outcome.StatusCode,
            outcome.Error,
            outcome.NextAttemptAt,
        };
        return await connection.ExecuteAsync(new CommandDefinition(Record, row, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Stops all deliveries to an endpoint (it answered 410 Gone).</summary>
    public async Task DisableEndpointAsync(ClaimedDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Disable, new { delivery.TenantId, delivery.EndpointId, Reason = reason }, cancellationToken: cancellationToken));
    }

    /// <summary>Erases previous secrets whose time to sign has passed.</summary>
    public async Task ForgetExpiredSecretsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ForgetExpiredSecrets, cancellationToken: cancellationToken));
    }

    public async Task<long> CountDeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountDead, cancellationToken: cancellationToken));
    }
}
