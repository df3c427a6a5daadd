using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Decisioning.ServiceDefaults.Metrics;

// The health checks, run in the background every Period and published as decisioning_health_check_status{check}
// (2 healthy, 1 degraded, 0 unhealthy, as HealthStatus counts them), so Prometheus sees a failing database or
// downstream without anything having to call /health.
internal sealed class HealthMetrics : IHealthCheckPublisher
{
    public const string MeterName = "Decisioning.Health";

    private volatile IReadOnlyList<Measurement<int>> _latest = [];

    public HealthMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("decisioning.health.check.status", () => _latest, description:
            "The latest result of each health check: 2 healthy, 1 degraded, 0 unhealthy.");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var measurements = new List<Measurement<int>>(report.Entries.Count);
        foreach (var (name, entry) in report.Entries)
        {
            measurements.Add(new Measurement<int>((int)entry.Status, new KeyValuePair<string, object?>("check", name)));
        }

        _latest = measurements;
        return Task.CompletedTask;
    }
}
