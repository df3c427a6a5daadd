using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>The review queue of referred decisions: claims under a lease, resolutions, and reads.</summary>
public sealed class ReviewStore(NpgsqlDataSource dataSource)
{
    private const string CaseColumns = """
        decision_id AS DecisionId,
        CASE WHEN resolved_at IS NOT NULL THEN 'resolved'
             WHEN lease_expires_at > now() THEN 'claimed'
             ELSE 'open' END AS Status,
        claimed_by AS ClaimedBy, lease_expires_at AS LeaseExpiresAt,
        final_outcome AS FinalOutcome, reason AS Reason, note AS Note,
        decided_by AS DecidedBy, decided_by_role AS DecidedByRole, resolved_at AS ResolvedAt
        """;

    // One statement: a reviewer who still holds a lease gets that case again; otherwise the oldest
    // case nobody holds (never claimed, or lease run out) is locked with SKIP LOCKED, so concurrent
    // claims each take a different row instead of queueing behind one another. Plan with 200,000
    // cases (4,000 open): index scans on review_cases_held, review_cases_queue and the keys; 0.3 ms.
    private const string Claim = TenantScope.Prefix + """
        WITH held AS (
            SELECT decision_id, queued_at, lease_expires_at
            FROM review_cases
            WHERE tenant_id = @TenantId AND resolved_at IS NULL AND claimed_by = @ReviewerId AND lease_expires_at > now()
            ORDER BY queued_at, decision_id
            LIMIT 1
        ), claimed AS (
            UPDATE review_cases
            SET claimed_by = @ReviewerId, claimed_at = now(), lease_expires_at = now() + @Lease
            WHERE tenant_id = @TenantId AND decision_id = (
                SELECT decision_id
                FROM review_cases
                WHERE tenant_id = @TenantId AND resolved_at IS NULL
                  AND (lease_expires_at IS NULL OR lease_expires_at <= now())
                  AND NOT EXISTS (SELECT 1 FROM held)
                ORDER BY queued_at, decision_id
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING decision_id, queued_at, lease_expires_at
        ), handed AS (
            SELECT decision_id, queued_at, lease_expires_at FROM held
            UNION ALL
            SELECT decision_id, queued_at, lease_expires_at FROM claimed
        )
        -- A case is queued at its decision's time, so the join reaches the decision's partition and key.
        SELECT h.decision_id AS DecisionId, h.lease_expires_at AS LeaseExpiresAt, d.document::text AS DocumentJson
        FROM handed h
        JOIN decisions d ON d.tenant_id = @TenantId AND d.decided_at = h.queued_at AND d.decision_id = h.decision_id
        """;

    /// <summary>The outbox event of a resolved review case.</summary>
    public const string ReviewResolvedEvent = "review.resolved.v1";

    // The resolution and its event in one statement: the event exists exactly when the resolution does. The event
    // carries ids, the final outcome and the reason code, no applicant data. A case is queued at its decision's time,
    // so the join reaches the decision's partition and key.
    private const string Resolve = TenantScope.Prefix + $"""
        WITH resolved AS (
            UPDATE review_cases
            SET resolved_at = now(), final_outcome = @FinalOutcome, reason = @Reason, note = @Note,
                decided_by = @DecidedBy, decided_by_role = @DecidedByRole
            WHERE tenant_id = @TenantId AND decision_id = @DecisionId AND resolved_at IS NULL
              AND (@MayResolveAnyCase OR (claimed_by = @DecidedBy AND lease_expires_at > now()))
            RETURNING *
        ), event AS (
            INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload, trace_id)
            SELECT r.tenant_id, '{ReviewResolvedEvent}', r.decision_id,
                   jsonb_build_object(
                       'decisionId', r.decision_id, 'tenantId', r.tenant_id, 'applicationId', d.application_id,
                       'finalOutcome', r.final_outcome, 'reasonCode', r.reason,
                       'resolvedAt', to_char(r.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
                   @TraceId
            FROM resolved r
            JOIN decisions d ON d.tenant_id = r.tenant_id AND d.decided_at = r.queued_at AND d.decision_id = r.decision_id
        )
        SELECT {CaseColumns} FROM resolved
        """;

    // Only a case under an unexpired lease is released, and only by its holder unless @MayReleaseAnyCase; it keeps
    // its queued_at, so it is back at its place in the queue, the next claim's to take.
    private const string Release = TenantScope.Prefix + """
        UPDATE review_cases
        SET claimed_by = NULL, claimed_at = NULL, lease_expires_at = NULL
        WHERE tenant_id = @TenantId AND decision_id = @DecisionId AND resolved_at IS NULL AND lease_expires_at > now()
          AND (@MayReleaseAnyCase OR claimed_by = @ReviewerId)
        RETURNING decision_id
        """;

    private const string SelectCase = TenantScope.Prefix + $"""
        SELECT {CaseColumns}
        FROM review_cases
        WHERE tenant_id = @TenantId AND decision_id = @DecisionId
        """;

    /// <summary>
    /// Hands the reviewer the case they already hold, or else the tenant's oldest case nobody holds,
    /// leased to them for <paramref name="lease"/>; null when the queue is empty.
    /// </summary>
    public async Task<ReviewClaim?> ClaimAsync(string tenantId, Guid reviewerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("review_claim");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReviewClaim>(
            new CommandDefinition(Claim, new { TenantId = tenantId, ReviewerId = reviewerId, Lease = lease }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Resolves an unresolved case held by the resolver under an unexpired lease (any unresolved case
    /// when <paramref name="mayResolveAnyCase"/>), and writes its <see cref="ReviewResolvedEvent"/> to the outbox in the
    /// same statement; the resolved case, or null when nothing was changed.
    /// </summary>
    public async Task<ReviewCase?> ResolveAsync(string tenantId, Guid decisionId, ReviewResolution resolution, bool mayResolveAnyCase, string? traceId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("review_resolve");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new
        {
            TenantId = tenantId,
            DecisionId = decisionId,
            resolution.FinalOutcome,
            resolution.Reason,
            resolution.Note,
            resolution.DecidedBy,
            resolution.DecidedByRole,
            MayResolveAnyCase = mayResolveAnyCase,
            TraceId = traceId,
        };
        return await connection.QuerySingleOrDefaultAsync<ReviewCase>(new CommandDefinition(Resolve, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Ends the lease on an unresolved case held by <paramref name="reviewerId"/> (held by anyone when
    /// <paramref name="mayReleaseAnyCase"/>), so that the next claim can take it at once; false when nothing was changed.
    /// </summary>
    public async Task<bool> ReleaseAsync(string tenantId, Guid decisionId, Guid reviewerId, bool mayReleaseAnyCase, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("review_release");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { TenantId = tenantId, DecisionId = decisionId, ReviewerId = reviewerId, MayReleaseAnyCase = mayReleaseAnyCase };
        var released = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(Release, parameters, cancellationToken: cancellationToken));
        return released is not null;
    }

    /// <summary>The review case of one of the tenant's decisions, or null when it has none.</summary>
    public async Task<ReviewCase?> FindAsync(string tenantId, Guid decisionId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("review_find");
        return await dataSource.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<ReviewCase>(
            new CommandDefinition(SelectCase, new { TenantId = tenantId, DecisionId = decisionId }, cancellationToken: cancellationToken)), cancellationToken);
    }
}
