using Microsoft.Extensions.Hosting;

namespace Decisioning.ServiceDefaults.Metrics;

// Resolving these at start begins listening before the first request and registers the process gauges.
internal sealed class MetricsStarter(PrometheusCollector collector, ProcessMetrics process) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(collector);
        GC.KeepAlive(process);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
