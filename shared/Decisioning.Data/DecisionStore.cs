using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Decisioning.Data;

/// <summary>Stores decisions with their idempotency key and outbox event, and reads them back.</summary>
public sealed class DecisionStore(NpgsqlDataSource dataSource)
{
    /// <summary>The outbox event type of a new decision.</summary>
    public const string DecisionMadeEvent = "decision.made.v1";

    // One round trip and one implicit transaction (a batch ends in one Sync): the tenant is named, then one
    // statement writes the key, the decision and the outbox event together or not at all. A key taken by a
    // concurrent request makes the first insert return nothing, and then nothing else is written. Positional
    // parameters: Npgsql sends the text as it is, with no rewriting per call.
    private const string SetTenant = "CALL set_decisioning_tenant($1)";

    private const string Insert = """
        WITH idem AS (
            INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, decision_id, decided_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            RETURNING decision_id
        ), decision AS (
            INSERT INTO decisions (tenant_id, decision_id, application_id, outcome, product, amount, term_months,
                                   pd, score, grade, model_version, policy_version, pricing_version, reason_codes,
                                   decided_at, trace_id, request, document)
            SELECT $1, decision_id, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $5, $18, $19, $20
            FROM idem
            RETURNING decision_id
        ), event AS (
            INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload, trace_id)
            SELECT $1, $21, decision_id, $22, $18
            FROM decision
            RETURNING 1
        ), review AS (
            -- A referral opens its review case in the same statement, so no refer is ever without one.
            INSERT INTO review_cases (tenant_id, decision_id, queued_at)
            SELECT $1, decision_id, $5
            FROM decision
            WHERE $7 = 'refer'
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

    private const string SelectStored = TenantScope.Prefix + """
        SELECT d.request::text AS RequestJson, d.document::text AS DocumentJson, d.model_version AS ModelVersion,
               d.policy_version AS PolicyVersion, d.pricing_version AS PricingVersion,
               o.status AS LoanOutcome, o.observed_at::text AS LoanOutcomeObservedAt
        FROM decisions d
        LEFT JOIN loan_outcomes o ON o.tenant_id = d.tenant_id AND o.decision_id = d.decision_id
        WHERE d.tenant_id = @TenantId AND d.decided_at = @DecidedAt AND d.decision_id = @DecisionId
        """;

    /// <summary>Writes the decision, its idempotency key and its outbox event atomically; false when the key was already taken.</summary>
    public async Task<bool> TryInsertAsync(DecisionRecord decision, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("decision_insert");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(SetTenant) { Parameters = { new NpgsqlParameter<string> { TypedValue = decision.TenantId } } },
                new NpgsqlBatchCommand(Insert)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = decision.TenantId },
                        new NpgsqlParameter<string> { TypedValue = decision.IdempotencyKey },
                        new NpgsqlParameter<byte[]> { TypedValue = decision.RequestHash },
                        new NpgsqlParameter<Guid> { TypedValue = decision.DecisionId },
                        new NpgsqlParameter<DateTime> { TypedValue = decision.DecidedAt },
                        new NpgsqlParameter<string> { TypedValue = decision.ApplicationId },
                        new NpgsqlParameter<string> { TypedValue = decision.Outcome },
                        new NpgsqlParameter<string> { TypedValue = decision.Product },
                        new NpgsqlParameter<decimal> { TypedValue = decision.Amount },
                        new NpgsqlParameter<int> { TypedValue = decision.TermMonths },
                        Nullable(decision.Pd, NpgsqlDbType.Double),
                        Nullable(decision.Score, NpgsqlDbType.Integer),
                        Nullable(decision.Grade, NpgsqlDbType.Text),
                        Nullable(decision.ModelVersion, NpgsqlDbType.Text),
                        new NpgsqlParameter<string> { TypedValue = decision.PolicyVersion },
                        Nullable(decision.PricingVersion, NpgsqlDbType.Text),
                        new NpgsqlParameter<string[]> { TypedValue = decision.ReasonCodes },
                        Nullable(decision.TraceId, NpgsqlDbType.Text),
                        new NpgsqlParameter<string> { TypedValue = decision.RequestJson, NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new NpgsqlParameter<string> { TypedValue = decision.DocumentJson, NpgsqlDbType = NpgsqlDbType.Json },
                        new NpgsqlParameter<string> { TypedValue = DecisionMadeEvent },
                        new NpgsqlParameter<string> { TypedValue = decision.EventJson, NpgsqlDbType = NpgsqlDbType.Jsonb },
                    },
                },
            },
        };
        var written = await batch.ExecuteScalarAsync(cancellationToken);
        return written is 1;
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>The request hash and document already recorded under an idempotency key, or null.</summary>
    public async Task<IdempotentReplay?> FindByIdempotencyKeyAsync(string tenantId, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("decision_find_by_key");
        return await dataSource.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<IdempotentReplay>(
            new CommandDefinition(SelectByKey, new { TenantId = tenantId, IdempotencyKey = idempotencyKey }, cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <summary>The decision document of one of the tenant's decisions, or null.</summary>
    public Task<string?> FindDocumentAsync(string tenantId, Guid decisionId, CancellationToken cancellationToken) =>
        FindAsync<string>(SelectDocument, "decision_find", tenantId, decisionId, cancellationToken);

    /// <summary>One of the tenant's decisions as stored (request, document, versions, loan outcome), or null.</summary>
    public Task<StoredDecision?> FindStoredAsync(string tenantId, Guid decisionId, CancellationToken cancellationToken) =>
        FindAsync<StoredDecision>(SelectStored, "decision_find_stored", tenantId, decisionId, cancellationToken);

    // A decision is found through its partition: the time in its id is its decided_at.
    private async Task<T?> FindAsync<T>(string sql, string operation, string tenantId, Guid decisionId, CancellationToken cancellationToken)
    {
        if (DecisionIds.TimestampOf(decisionId) is not { } decidedAt)
        {
            return default;
        }

        using var timing = DatabaseMetrics.Time(operation);
        return await dataSource.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<T>(
            new CommandDefinition(sql, new { TenantId = tenantId, DecidedAt = decidedAt, DecisionId = decisionId }, cancellationToken: cancellationToken)), cancellationToken);
    }
}
