using Decisioning.Contracts.Scoring.V1;
using Grpc.Core;
using Prometheus;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

namespace Worker.Monitoring;

// The champion's drift: for each tenant and day (UTC) of the last week with decisions by the champion's version, the
// PSI of every feature and of the PD against the training distribution in its manifest. Past days are computed once,
// today's on every run. The gauge holds, per version and feature, the highest PSI among tenants on their latest day
// with at least MinDecisions decisions: what the ModelDrift alert watches.
public sealed class DriftMonitor
{
    public const int DaysBack = 7;
    public const int MinDecisions = 100;

    private readonly MonitoringStore _store;
    private readonly CreditScoringContract.CreditScoringClient _scoring;
    private readonly TimeProvider _clock;
    private readonly ILogger<DriftMonitor> _logger;
    private readonly Gauge _psi;

    public DriftMonitor(MonitoringStore store, CreditScoringContract.CreditScoringClient scoring, TimeProvider clock, IMetricFactory metrics, ILogger<DriftMonitor> logger)
    {
        _store = store;
        _scoring = scoring;
        _clock = clock;
        _logger = logger;
        _psi = metrics.CreateGauge("decisioning_model_drift_psi",
            $"Population stability index of a model version's feature (or 'score', its PD) against its training distribution: the highest among tenants on their latest day with at least {MinDecisions} decisions.",
            new GaugeConfiguration { LabelNames = ["model_version", "feature"], SuppressInitialValue = true });
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var models = await _scoring.ListModelsAsync(new ListModelsRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken));
        var champion = models.Models.SingleOrDefault(m => m.Role == "champion")
            ?? throw new InvalidOperationException("CreditScoring names no champion model.");
        if (champion.TrainingDistributionJson.Length == 0)
        {
            _logger.LogWarning("The champion {ModelVersion} has no training distribution in its manifest; its drift is not computed", champion.ModelVersion);
            return;
        }

        var distribution = TrainingDistribution.Parse(champion.TrainingDistributionJson);
        var today = _clock.GetUtcNow().UtcDateTime.Date;
        var days = await _store.DaysToComputeAsync(champion.ModelVersion, today.AddDays(-DaysBack), today, cancellationToken);
        foreach (var (tenantId, day) in days)
        {
            var counts = new DriftCounts(distribution);
            await foreach (var row in _store.DayAsync(tenantId, day, champion.ModelVersion, cancellationToken))
            {
                counts.Add(row);
            }

            await _store.SaveDriftAsync(tenantId, champion.Name, champion.ModelVersion, day, counts.Decisions, counts.Psis(), cancellationToken);
        }

        var latest = await _store.LatestDriftAsync(today.AddDays(-DaysBack), MinDecisions, cancellationToken);
        foreach (var version in latest.GroupBy(r => (r.ModelVersion, r.Feature)))
        {
            _psi.WithLabels(version.Key.ModelVersion, version.Key.Feature).Set(version.Max(r => r.Psi));
        }

        _logger.LogInformation("Drift of {ModelVersion} computed for {TenantDays} tenant-days", champion.ModelVersion, days.Count);
    }
}
