using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>Stores challenger scores beside the decisions and compares them with the champion's.</summary>
public sealed class ChallengerStore(NpgsqlDataSource dataSource)
{
    private const string Insert = TenantScope.Prefix + """
        INSERT INTO challenger_scores (tenant_id, decided_at, decision_id, model_name, model_version, pd, score, grade, reason_codes)
        VALUES (@TenantId, @DecidedAt, @DecisionId, @ModelName, @ModelVersion, @Pd, @Score, @Grade, @ReasonCodes)
        ON CONFLICT DO NOTHING
        """;

    private const string Compare = TenantScope.Prefix + """
        SELECT count(*) AS Count,
               avg(CASE WHEN (d.pd >= @ApproveBelowPd)::int + (d.pd >= @DeclineFromPd)::int
                           = (c.pd >= @ApproveBelowPd)::int + (c.pd >= @DeclineFromPd)::int THEN 1.0 ELSE 0.0 END)::double precision AS BandAgreementRate,
               avg(CASE WHEN d.grade = c.grade THEN 1.0 ELSE 0.0 END)::double precision AS GradeAgreementRate,
               corr(d.pd, c.pd) AS PdCorrelation,
               avg(d.pd) AS ChampionMeanPd,
               avg(c.pd) AS ChallengerMeanPd,
               percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY d.score) AS ChampionScorePercentiles,
               percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY c.score) AS ChallengerScorePercentiles
        FROM decisions d
        JOIN challenger_scores c ON c.tenant_id = d.tenant_id AND c.decided_at = d.decided_at AND c.decision_id = d.decision_id
        WHERE d.tenant_id = @TenantId AND d.decided_at >= @From AND d.decided_at < @To
          AND starts_with(d.model_version, @ChampionPrefix) AND d.pd IS NOT NULL
          AND c.model_name = @Challenger
        """;

    /// <summary>Records a challenger's score; a repeat of the same decision and model changes nothing.</summary>
    public async Task InsertAsync(ChallengerScore score, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, score, cancellationToken: cancellationToken));
    }

    /// <summary>The champion (model versions starting with <paramref name="champion"/>-) against a challenger over a time range.</summary>
    public async Task<ChallengerComparison> CompareAsync(string tenantId, string champion, string challenger, DateTime from, DateTime to, double approveBelowPd, double declineFromPd, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<ChallengerComparison>(new CommandDefinition(
            Compare,
            new { TenantId = tenantId, ChampionPrefix = champion + "-", Challenger = challenger, From = from, To = to, ApproveBelowPd = approveBelowPd, DeclineFromPd = declineFromPd },
            cancellationToken: cancellationToken));
    }
}
