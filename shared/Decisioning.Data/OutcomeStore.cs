using System.Globalization;
using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>Loan outcomes reported by lenders, and the scored decisions they belong to.</summary>
public sealed class OutcomeStore(NpgsqlDataSource dataSource)
{
    // One statement per batch: rows are resolved to the tenant's decisions (by id, or an application's
    // latest decision), the last row per decision is upserted, and every row comes back with the
    // stored outcome as it was before, from which the caller's report is derived.
    private const string Upsert = TenantScope.Prefix + """
        WITH input AS (
            SELECT *
            FROM unnest(@Indexes::int[], @DecisionIds::uuid[], @DecidedAts::timestamptz[], @ApplicationIds::text[], @Statuses::text[], @ObservedAts::date[])
                AS i (idx, decision_id, decided_at, application_id, status, observed_at)
        ), resolved AS (
            SELECT i.idx, coalesce(by_id.decision_id, by_application.decision_id) AS decision_id,
                   coalesce(by_id.decided_at, by_application.decided_at) AS decided_at, i.status, i.observed_at
            FROM input i
            LEFT JOIN decisions by_id ON by_id.tenant_id = @TenantId AND by_id.decided_at = i.decided_at AND by_id.decision_id = i.decision_id
            LEFT JOIN LATERAL (
                SELECT d.decision_id, d.decided_at
                FROM decisions d
                WHERE d.tenant_id = @TenantId AND d.application_id = i.application_id
                ORDER BY d.decided_at DESC, d.decision_id DESC
                LIMIT 1
            ) by_application ON i.decision_id IS NULL
        ), upsert AS (
            INSERT INTO loan_outcomes (tenant_id, decision_id, decided_at, status, observed_at)
            SELECT DISTINCT ON (decision_id) @TenantId, decision_id, decided_at, status, observed_at
            FROM resolved
            WHERE decision_id IS NOT NULL
            ORDER BY decision_id, idx DESC
            ON CONFLICT (tenant_id, decision_id) DO UPDATE
            SET status = excluded.status, observed_at = excluded.observed_at, updated_at = now()
            WHERE (loan_outcomes.status, loan_outcomes.observed_at) IS DISTINCT FROM (excluded.status, excluded.observed_at)
            RETURNING 1
        )
        SELECT r.idx AS RowIndex, r.decision_id AS DecisionId, o.status AS PreviousStatus, o.observed_at::text AS PreviousObservedAt
        FROM resolved r
        LEFT JOIN loan_outcomes o ON o.tenant_id = @TenantId AND o.decision_id = r.decision_id
        ORDER BY r.idx
        """;

    private const string SelectObserved = TenantScope.Prefix + """
        SELECT d.model_version AS ModelVersion, d.pd AS Pd, d.grade AS Grade, o.status AS OutcomeStatus
        FROM decisions d
        JOIN loan_outcomes o ON o.tenant_id = d.tenant_id AND o.decided_at = d.decided_at AND o.decision_id = d.decision_id
        WHERE d.tenant_id = @TenantId
          AND starts_with(d.model_version, @VersionPrefix)
          AND strpos(substr(d.model_version, length(@VersionPrefix) + 1), '-') = 0
          AND d.pd IS NOT NULL
          AND (@From::timestamptz IS NULL OR d.decided_at >= @From)
          AND (@To::timestamptz IS NULL OR d.decided_at < @To)
        """;

    private const string SelectModelKnown = TenantScope.Prefix + """
        SELECT EXISTS (
            SELECT 1
            FROM decisions
            WHERE tenant_id = @TenantId
              AND starts_with(model_version, @VersionPrefix)
              AND strpos(substr(model_version, length(@VersionPrefix) + 1), '-') = 0)
        """;

    /// <summary>
    /// Records a batch of outcomes idempotently: the same outcome again changes nothing, a different one
    /// replaces it; ids that are unknown or belong to another tenant are reported as "not_found".
    /// Within a batch, the last row for a decision wins.
    /// </summary>
    public async Task<IReadOnlyList<LoanOutcomeResult>> RecordAsync(string tenantId, IReadOnlyList<LoanOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
        {
            return [];
        }

        var parameters = new
        {
            TenantId = tenantId,
            Indexes = outcomes.Select(o => o.Index).ToArray(),
            DecisionIds = outcomes.Select(o => o.DecisionId?.ToString()).ToArray(),
            // A decision id carries its time (UUIDv7): the lookup goes straight to its partition.
            DecidedAts = outcomes.Select(o => o.DecisionId is { } id ? DecisionIds.TimestampOf(id) : null).ToArray(),
            ApplicationIds = outcomes.Select(o => o.DecisionId is null ? o.ApplicationId : null).ToArray(),
            Statuses = outcomes.Select(o => o.Status).ToArray(),
            ObservedAts = outcomes.Select(o => o.ObservedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray(),
        };
        using var timing = DatabaseMetrics.Time("outcome_record");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<StoredRow>(new CommandDefinition(Upsert, parameters, cancellationToken: cancellationToken))).ToList();

        // Rows are judged in batch order against the outcome as it stands after the rows before them.
        var requested = outcomes.ToDictionary(o => o.Index);
        var current = new Dictionary<Guid, (string Status, string ObservedAt)>();
        foreach (var row in rows.Where(r => r.DecisionId is not null && r.PreviousStatus is not null))
        {
            current.TryAdd(row.DecisionId!.Value, (row.PreviousStatus!, row.PreviousObservedAt!));
        }

        var results = new List<LoanOutcomeResult>(rows.Count);
        foreach (var row in rows)
        {
            if (row.DecisionId is not { } decisionId)
            {
                results.Add(new LoanOutcomeResult(row.RowIndex, "not_found", null));
                continue;
            }

            var outcome = requested[row.RowIndex];
            var next = (outcome.Status, outcome.ObservedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var status = !current.TryGetValue(decisionId, out var before) ? "recorded" : before == next ? "unchanged" : "updated";
            current[decisionId] = next;
            results.Add(new LoanOutcomeResult(row.RowIndex, status, decisionId));
        }

        return results;
    }

    /// <summary>
    /// The tenant's decisions with a known outcome, scored by a version of the model: <paramref name="versionPrefix"/>
    /// ("name-") followed by a version without another dash; decided in [<paramref name="from"/>, <paramref name="to"/>) (open ends when null).
    /// </summary>
    public async Task<IReadOnlyList<ObservedDecision>> FindObservedAsync(string tenantId, string versionPrefix, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("outcome_find_observed");
        var parameters = new { TenantId = tenantId, VersionPrefix = versionPrefix, From = from, To = to };
        return (await dataSource.ReadAsync(connection => connection.QueryAsync<ObservedDecision>(new CommandDefinition(SelectObserved, parameters, cancellationToken: cancellationToken)), cancellationToken)).ToList();
    }

    /// <summary>True when any of the tenant's decisions was scored by a version of the model (<paramref name="versionPrefix"/> as above).</summary>
    public async Task<bool> IsModelKnownAsync(string tenantId, string versionPrefix, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("outcome_model_known");
        return await dataSource.ReadAsync(connection => connection.ExecuteScalarAsync<bool>(
            new CommandDefinition(SelectModelKnown, new { TenantId = tenantId, VersionPrefix = versionPrefix }, cancellationToken: cancellationToken)), cancellationToken);
    }

    private sealed record StoredRow(int RowIndex, Guid? DecisionId, string? PreviousStatus, string? PreviousObservedAt);
}
