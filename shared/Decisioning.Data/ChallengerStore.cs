using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>Stores challenger scores beside the decisions and compares them with the champion's.</summary>
public sealed class ChallengerStore(NpgsqlDataSource dataSource)
{
    // Many scores of one tenant in one statement (one commit): challenger rows must not cost a commit each.
    private const string Insert = TenantScope.Prefix + """
        INSERT INTO challenger_scores (tenant_id, decided_at, decision_id, model_name, model_version, pd, score, grade, reason_codes)
        SELECT @TenantId, decided_at, decision_id, model_name, model_version, pd, score, grade, string_to_array(reasons, '|')
        FROM unnest(@DecidedAts::timestamptz[], @DecisionIds::uuid[], @ModelNames::text[], @ModelVersions::text[],
                    @Pds::double precision[], @Scores::int[], @Grades::text[], @Reasons::text[])
            AS s (decided_at, decision_id, model_name, model_version, pd, score, grade, reasons)
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

    /// <summary>Records challenger scores of one tenant in one statement; a repeat of a decision and model changes nothing.</summary>
    public async Task InsertAsync(string tenantId, IReadOnlyList<ChallengerScore> scores, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            TenantId = tenantId,
            DecidedAts = scores.Select(s => s.DecidedAt).ToArray(),
            DecisionIds = scores.Select(s => s.DecisionId).ToArray(),
            ModelNames = scores.Select(s => s.ModelName).ToArray(),
            ModelVersions = scores.Select(s => s.ModelVersion).ToArray(),
            Pds = scores.Select(s => s.Pd).ToArray(),
            Scores = scores.Select(s => s.Score).ToArray(),
            Grades = scores.Select(s => s.Grade).ToArray(),
            Reasons = scores.Select(s => string.Join('|', s.ReasonCodes)).ToArray(),
        };
        using var timing = DatabaseMetrics.Time("challenger_insert");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>The champion (model versions starting with <paramref name="champion"/>-) against a challenger over a time range.</summary>
    public async Task<ChallengerComparison> CompareAsync(string tenantId, string champion, string challenger, DateTime from, DateTime to, double approveBelowPd, double declineFromPd, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("challenger_compare");
        return await dataSource.ReadAsync(connection => connection.QuerySingleAsync<ChallengerComparison>(new CommandDefinition(
            Compare,
            new { TenantId = tenantId, ChampionPrefix = champion + "-", Challenger = challenger, From = from, To = to, ApproveBelowPd = approveBelowPd, DeclineFromPd = declineFromPd },
            cancellationToken: cancellationToken)), cancellationToken);
    }
}
