using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>What the Worker's monitoring jobs computed for a tenant: drift by day and feature, approval by age band.</summary>
public sealed class MonitoringReportStore(NpgsqlDataSource dataSource)
{
    private const string Drift = TenantScope.Prefix + """
        SELECT day AS Day, model_version AS ModelVersion, feature AS Feature, psi AS Psi, decisions AS Decisions
        FROM model_drift
        WHERE tenant_id = @TenantId AND model_name = @ModelName AND day >= @From AND day < @To
        ORDER BY day, model_version, feature
        """;

    private const string Fairness = TenantScope.Prefix + """
        SELECT day AS Day, age_band AS AgeBand, decisions AS Decisions, approved AS Approved
        FROM fairness_daily
        WHERE tenant_id = @TenantId AND day >= @From AND day < @To
        ORDER BY day, age_band
        """;

    public async Task<IReadOnlyList<DriftRow>> DriftAsync(string tenantId, string modelName, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("drift_report");
        return (await dataSource.ReadAsync(connection => connection.QueryAsync<DriftRow>(
            new CommandDefinition(Drift, new { TenantId = tenantId, ModelName = modelName, From = DateOnly.FromDateTime(from), To = DateOnly.FromDateTime(to) }, cancellationToken: cancellationToken)), cancellationToken)).AsList();
    }

    public async Task<IReadOnlyList<FairnessRow>> FairnessAsync(string tenantId, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("fairness_report");
        return (await dataSource.ReadAsync(connection => connection.QueryAsync<FairnessRow>(
            new CommandDefinition(Fairness, new { TenantId = tenantId, From = DateOnly.FromDateTime(from), To = DateOnly.FromDateTime(to) }, cancellationToken: cancellationToken)), cancellationToken)).AsList();
    }
}

/// <summary>The PSI of one feature (or "score") of a tenant's decisions of one day by one model version.</summary>
public sealed record DriftRow(DateOnly Day, string ModelVersion, string Feature, double Psi, int Decisions);

/// <summary>A tenant's decisions of one day for one age band, and how many were approved.</summary>
public sealed record FairnessRow(DateOnly Day, string AgeBand, int Decisions, int Approved);
