using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Decisioning.ServiceDefaults.Metrics;

// The health checks, run in the background every Period and published as decisioning_health_check_status{check}
// (2 healthy, 1 degraded, 0 unhealthy, as HealthStatus counts them), so Prometheus sees a failing database or
// downstream without anything having to call /health.
internal sealed class HealthMetrics(IMetricFactory metrics) : IHealthCheckPublisher
{
    private readonly Gauge _status = metrics.CreateGauge(
        "decisioning_health_check_status", "The latest result of each health check: 2 healthy, 1 degraded, 0 unhealthy.", ["check"]);

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            _status.WithLabels(name).Set((int)entry.Status);
        }

        return Task.CompletedTask;
    }
}
