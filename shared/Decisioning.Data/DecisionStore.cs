using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>Stores decisions with their idempotency key and outbox event, and reads them back.</summary>
public sealed class DecisionStore(NpgsqlDataSource dataSource)
{
    /// <summary>The outbox event type of a new decision.</summary>
    public const string DecisionMadeEvent = "decision.made.v1";

    // One statement, so one round trip and one implicit transaction: the key, the decision and the
    // outbox event are written together or not at all. A key taken by a concurrent request makes the
    // first insert return nothing, and then nothing else is written.
    private const string Insert = TenantScope.Prefix + """
        WITH idem AS (
            INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, decision_id, decided_at)
            VALUES (@TenantId, @IdempotencyKey, @RequestHash, @DecisionId, @DecidedAt)
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            RETURNING decision_id
        ), decision AS (
            INSERT INTO decisions (tenant_id, decision_id, application_id, outcome, product, amount, term_months,
                                   pd, score, grade, model_version, policy_version, pricing_version, reason_codes,
                                   decided_at, trace_id, request, document)
            SELECT @TenantId, decision_id, @ApplicationId, @Outcome, @Product, @Amount, @TermMonths,
                   @Pd, @Score, @Grade, @ModelVersion, @PolicyVersion, @PricingVersion, @ReasonCodes,
                   @DecidedAt, @TraceId, @RequestJson::jsonb, @DocumentJson::json
            FROM idem
            RETURNING decision_id
        ), event AS (
            INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload, trace_id)
            SELECT @TenantId, @EventType, decision_id, @EventJson::jsonb, @TraceId
            FROM decision
            RETURNING 1
        ), review AS (
            -- A referral opens its review case in the same statement, so no refer is ever without one.
            INSERT INTO review_cases (tenant_id, decision_id, queued_at)
            SELECT @TenantId, decision_id, @DecidedAt
            FROM decision
            WHERE @Outcome = 'refer'
            RETURNING 1
        )
        SELECT count(*)::int FROM event
        """;

    private const string SelectByKey = TenantScope.Prefix + """
        SELECT i.request_hash AS RequestHash, d.document::text AS DocumentJson
        FROM idempotency_keys i
        JOIN decisions d ON d.tenant_id = i.tenant_id AND d.decided_at = i.decided_at AND d.decision_id = i.decision_id
        WHERE i.tenant_id = @TenantId AND i.idempotency_key = @IdempotencyKey
        """;

    private const string SelectDocument = TenantScope.Prefix + """
        SELECT document::text
        FROM decisions
        WHERE tenant_id = @TenantId AND decided_at = @DecidedAt AND decision_id = @DecisionId
        """;

    /// <summary>Writes the decision, its idempotency key and its outbox event atomically; false when the key was already taken.</summary>
    public async Task<bool> TryInsertAsync(DecisionRecord decision, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("decision_insert");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new DynamicParameters(decision);
        parameters.Add("EventType", DecisionMadeEvent);
        var written = await connection.ExecuteScalarAsync<int>(new CommandDefinition(Insert, parameters, cancellationToken: cancellationToken));
        return written == 1;
    }

    /// <summary>The request hash and document already recorded under an idempotency key, or null.</summary>
    public async Task<IdempotentReplay?> FindByIdempotencyKeyAsync(string tenantId, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("decision_find_by_key");
        return await dataSource.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<IdempotentReplay>(
            new CommandDefinition(SelectByKey, new { TenantId = tenantId, IdempotencyKey = idempotencyKey }, cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <summary>The decision document of one of the tenant's decisions, or null.</summary>
    public async Task<string?> FindDocumentAsync(string tenantId, Guid decisionId, CancellationToken cancellationToken)
    {
        if (DecisionIds.TimestampOf(decisionId) is not { } decidedAt)
        {
            return null;
        }

        using var timing = DatabaseMetrics.Time("decision_find");
        return await dataSource.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(SelectDocument, new { TenantId = tenantId, DecidedAt = decidedAt, DecisionId = decisionId }, cancellationToken: cancellationToken)), cancellationToken);
    }
}
