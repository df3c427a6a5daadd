using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>A tenant's webhook endpoints and their deliveries, as the API manages them.</summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource)
{
    /// <summary>The event a test delivery carries.</summary>
    public const string TestEvent = "webhook.test.v1";

    private const string EndpointColumns = """
        endpoint_id AS EndpointId, url AS Url, events AS Events, description AS Description, created_at AS CreatedAt,
        disabled_at AS DisabledAt, disabled_reason AS DisabledReason
        """;

    private const string DeliveryColumns = """
        delivery_id AS DeliveryId, event_id AS EventId, event_type AS EventType, status AS Status, attempts AS Attempts,
        last_status_code AS LastStatusCode, last_error AS LastError, next_attempt_at AS NextAttemptAt,
        created_at AS CreatedAt, delivered_at AS DeliveredAt
        """;

    // The lock serialises the tenant's creations, so the count below sees every endpoint created before this one.
    private const string Insert = TenantScope.Prefix + $"""
        CALL lock_webhook_endpoints(@TenantId);
        INSERT INTO webhook_endpoints (tenant_id, endpoint_id, url, events, description, secret)
        SELECT @TenantId, @EndpointId, @Url, @Events, @Description, @Secret
        WHERE (SELECT count(*) FROM webhook_endpoints WHERE tenant_id = @TenantId AND deleted_at IS NULL) < @MaxEndpoints
        RETURNING {EndpointColumns}
        """;

    private const string SelectEndpoints = TenantScope.Prefix + $"""
        SELECT {EndpointColumns}
        FROM webhook_endpoints
        WHERE tenant_id = @TenantId AND deleted_at IS NULL
        ORDER BY created_at, endpoint_id
        """;

    private const string SelectEndpoint = TenantScope.Prefix + $"""
        SELECT {EndpointColumns}
        FROM webhook_endpoints
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND deleted_at IS NULL
        """;

    private const string Delete = TenantScope.Prefix + """
        UPDATE webhook_endpoints SET deleted_at = now()
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND deleted_at IS NULL
        """;

    // The old secret keeps signing (next to the new one) until it expires, so receivers can switch without a gap.
    private const string Rotate = TenantScope.Prefix + """
        UPDATE webhook_endpoints
        SET previous_secret = secret, previous_secret_expires_at = now() + @OldSecretValidFor, secret = @Secret
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND deleted_at IS NULL
        """;

    // Newest first, keyset paged: a page starts after the previous page's last (created_at, delivery_id).
    private const string SelectDeliveries = TenantScope.Prefix + $"""
        SELECT {DeliveryColumns}
        FROM webhook_deliveries
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId
          AND (@Status::text IS NULL OR status = @Status)
          AND (@BeforeCreatedAt::timestamptz IS NULL OR (created_at, delivery_id) < (@BeforeCreatedAt, @BeforeId))
        ORDER BY created_at DESC, delivery_id DESC
        LIMIT @Limit
        """;

    private const string SelectDeliveryState = TenantScope.Prefix + """
        SELECT CASE WHEN e.disabled_at IS NULL AND e.deleted_at IS NULL THEN d.status ELSE 'inactive' END
        FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.endpoint_id = d.endpoint_id
        WHERE d.tenant_id = @TenantId AND d.endpoint_id = @EndpointId AND d.delivery_id = @DeliveryId
        """;

    private const string Redrive = TenantScope.Prefix + """
        UPDATE webhook_deliveries d
        SET status = 'pending', schedule_attempts = 0, next_attempt_at = now()
        FROM webhook_endpoints e
        WHERE d.tenant_id = @TenantId AND d.endpoint_id = @EndpointId AND d.delivery_id = @DeliveryId AND d.status = 'dead'
          AND e.tenant_id = d.tenant_id AND e.endpoint_id = d.endpoint_id AND e.disabled_at IS NULL AND e.deleted_at IS NULL
        RETURNING d.event_id
        """;

    private const string InsertTest = TenantScope.Prefix + """
        INSERT INTO webhook_deliveries (tenant_id, delivery_id, endpoint_id, event_id, event_type, body, trace_id)
        SELECT tenant_id, @DeliveryId, endpoint_id, @EventId, @EventType, @Body, @TraceId
        FROM webhook_endpoints
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND disabled_at IS NULL AND deleted_at IS NULL
        """;

    /// <summary>Creates an endpoint signed with <paramref name="secret"/>; null when the tenant already has <paramref name="maxEndpoints"/>.</summary>
    public async Task<WebhookEndpoint?> CreateAsync(string tenantId, string url, string[] events, string? description, string secret, int maxEndpoints, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_create");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = new { TenantId = tenantId, EndpointId = Guid.CreateVersion7(), Url = url, Events = events, Description = description, Secret = secret, MaxEndpoints = maxEndpoints };
        return await connection.QuerySingleOrDefaultAsync<WebhookEndpoint>(new CommandDefinition(Insert, row, cancellationToken: cancellationToken));
    }

    /// <summary>The tenant's endpoints, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_list");
        return await dataSource.ReadAsync(async connection => (await connection.QueryAsync<WebhookEndpoint>(
            new CommandDefinition(SelectEndpoints, new { TenantId = tenantId }, cancellationToken: cancellationToken))).AsList(), cancellationToken);
    }

    /// <summary>One of the tenant's endpoints, or null.</summary>
    public async Task<WebhookEndpoint?> FindAsync(string tenantId, Guid endpointId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_find");
        return await dataSource.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<WebhookEndpoint>(
            new CommandDefinition(SelectEndpoint, new { TenantId = tenantId, EndpointId = endpointId }, cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <summary>Deletes an endpoint: nothing more is sent to it. False when the tenant has no such endpoint.</summary>
    public async Task<bool> DeleteAsync(string tenantId, Guid endpointId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_delete");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Delete, new { TenantId = tenantId, EndpointId = endpointId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Replaces the endpoint's secret; the old one signs too for <paramref name="oldSecretValidFor"/>. False when there is no such endpoint.</summary>
    public async Task<bool> RotateSecretAsync(string tenantId, Guid endpointId, string secret, TimeSpan oldSecretValidFor, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_rotate");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = new { TenantId = tenantId, EndpointId = endpointId, Secret = secret, OldSecretValidFor = oldSecretValidFor };
        return await connection.ExecuteAsync(new CommandDefinition(Rotate, row, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>A page of the endpoint's deliveries, newest first, optionally of one status, after the delivery at <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, Guid endpointId, string? status, (DateTime CreatedAt, Guid DeliveryId)? before, int limit, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_deliveries");
        var query = new { TenantId = tenantId, EndpointId = endpointId, Status = status, BeforeCreatedAt = before?.CreatedAt, BeforeId = before?.DeliveryId, Limit = limit };
        return await dataSource.ReadAsync(async connection => (await connection.QueryAsync<WebhookDelivery>(
            new CommandDefinition(SelectDeliveries, query, cancellationToken: cancellationToken))).AsList(), cancellationToken);
    }

    /// <summary>Sends a dead delivery again, with a new retry schedule; what happened, and the delivery's event id when it was redriven.</summary>
    public async Task<(WebhookRedrive Result, Guid EventId)> RedriveAsync(string tenantId, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_redrive");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var key = new { TenantId = tenantId, EndpointId = endpointId, DeliveryId = deliveryId };
        if (await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(Redrive, key, cancellationToken: cancellationToken)) is { } eventId)
        {
            return (WebhookRedrive.Redriven, eventId);
        }

        var state = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(SelectDeliveryState, key, cancellationToken: cancellationToken));
        return (state switch
        {
            null => WebhookRedrive.NotFound,
            "inactive" => WebhookRedrive.EndpointInactive,
            _ => WebhookRedrive.NotDead,
        }, Guid.Empty);
    }

    /// <summary>Queues a <see cref="TestEvent"/> delivery with <paramref name="body"/>; false when there is no such active endpoint.</summary>
    public async Task<bool> EnqueueTestAsync(string tenantId, Guid endpointId, Guid deliveryId, Guid eventId, string body, string? traceId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("webhook_test");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = new { TenantId = tenantId, EndpointId = endpointId, DeliveryId = deliveryId, EventId = eventId, EventType = TestEvent, Body = body, TraceId = traceId };
        return await connection.ExecuteAsync(new CommandDefinition(InsertTest, row, cancellationToken: cancellationToken)) == 1;
    }
}
