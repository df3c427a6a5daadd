using Dapper;
using Npgsql;
using Worker.Decisions;

namespace Worker.Monitoring;

// The monitoring jobs' reads of decisions and writes of drift and approval rates. The Worker runs as the tables'
// owner, outside row-level security: every statement names its tenant or covers all of them on purpose.
public sealed class MonitoringStore(NpgsqlDataSource dataSource)
{
    // Tenant-days with decisions by the model version: all of them today (still filling), earlier ones only until computed.
    private const string DaysToCompute = """
        SELECT DISTINCT d.tenant_id, (d.decided_at AT TIME ZONE 'UTC')::date AS day
        FROM decisions d
        WHERE d.decided_at >= @From AND d.decided_at < @To AND d.model_version = @ModelVersion
          AND ((d.decided_at AT TIME ZONE 'UTC')::date = @Today
               OR NOT EXISTS (SELECT 1 FROM model_drift m WHERE m.tenant_id = d.tenant_id AND m.model_version = @ModelVersion
                              AND m.day = (d.decided_at AT TIME ZONE 'UTC')::date))
        ORDER BY 2, 1
        """;

    private const string SaveDrift = """
        INSERT INTO model_drift (tenant_id, model_name, model_version, day, feature, psi, decisions)
        SELECT @TenantId, @ModelName, @ModelVersion, @Day, feature, psi, @Decisions FROM unnest(@Features, @Psis) AS f(feature, psi)
        ON CONFLICT (tenant_id, model_name, day, model_version, feature) DO UPDATE
        SET psi = EXCLUDED.psi, decisions = EXCLUDED.decisions, computed_at = now()
        """;

    // Per model version and feature, the highest PSI among tenants on their latest day with enough decisions.
    private const string LatestDrift = """
        SELECT DISTINCT ON (m.model_version, m.feature, m.tenant_id) m.model_version, m.feature, m.psi
        FROM model_drift m
        WHERE m.day >= @Since AND m.decisions >= @MinDecisions
        ORDER BY m.model_version, m.feature, m.tenant_id, m.day DESC
        """;

    // Approval by age band per tenant and day (UTC), recomputed for the days given: a day's counts only grow until it ends.
    private const string SaveFairness = """
        INSERT INTO fairness_daily (tenant_id, day, age_band, decisions, approved)
        SELECT tenant_id, day, age_band, count(*), count(*) FILTER (WHERE outcome = 'approve')
        FROM (
            SELECT tenant_id, (decided_at AT TIME ZONE 'UTC')::date AS day, outcome,
                   CASE WHEN age < 25 THEN '18-24' WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44'
                        WHEN age < 55 THEN '45-54' WHEN age < 65 THEN '55-64' ELSE '65+' END AS age_band
            FROM (SELECT tenant_id, decided_at, outcome, (request->'applicant'->>'age')::int AS age
                  FROM decisions WHERE decided_at >= @From AND decided_at < @To) aged
            WHERE age IS NOT NULL
        ) banded
        GROUP BY tenant_id, day, age_band
        ON CONFLICT (tenant_id, day, age_band) DO UPDATE
        SET decisions = EXCLUDED.decisions, approved = EXCLUDED.approved, computed_at = now()
        """;

    public async Task<IReadOnlyList<(string TenantId, DateTime Day)>> DaysToComputeAsync(string modelVersion, DateTime from, DateTime today, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var days = await connection.QueryAsync<(string TenantId, DateOnly Day)>(new CommandDefinition(DaysToCompute,
            new { ModelVersion = modelVersion, From = from, To = today.AddDays(1), Today = DateOnly.FromDateTime(today) }, commandTimeout: 0, cancellationToken: cancellationToken));
        return [.. days.Select(d => (d.TenantId, d.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)))];
    }

    /// <summary>The tenant's decisions of the day (UTC) by the model version, streamed.</summary>
    public async IAsyncEnumerable<DecisionRow> DayAsync(string tenantId, DateTime day, string modelVersion, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<DecisionRow>($"""
            SELECT {DecisionRow.Columns}
            FROM (SELECT *, request->'applicant' AS a FROM decisions
                  WHERE tenant_id = @TenantId AND decided_at >= @From AND decided_at < @To AND model_version = @ModelVersion) d
            LEFT JOIN loan_outcomes o ON o.tenant_id = d.tenant_id AND o.decision_id = d.decision_id
            """, new { TenantId = tenantId, From = day, To = day.AddDays(1), ModelVersion = modelVersion });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    public async Task SaveDriftAsync(string tenantId, string modelName, string modelVersion, DateTime day, int decisions, IReadOnlyDictionary<string, double> psis, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SaveDrift, new
        {
            TenantId = tenantId,
            ModelName = modelName,
            ModelVersion = modelVersion,
            Day = DateOnly.FromDateTime(day),
            Decisions = decisions,
            Features = psis.Keys.ToArray(),
            Psis = psis.Values.ToArray(),
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<(string ModelVersion, string Feature, double Psi)>> LatestDriftAsync(DateTime since, int minDecisions, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(string, string, double)>(new CommandDefinition(LatestDrift, new { Since = DateOnly.FromDateTime(since), MinDecisions = minDecisions }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Recomputes approval by age band for every tenant over [from, to); returns the rows written.</summary>
    public async Task<int> SaveFairnessAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(SaveFairness, new { From = from, To = to }, commandTimeout: 0, cancellationToken: cancellationToken));
    }
}
