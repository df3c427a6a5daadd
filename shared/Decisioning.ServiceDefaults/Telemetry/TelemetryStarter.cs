using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Decisioning.ServiceDefaults.Telemetry;

// Resolving the provider at start makes the container create, own and dispose it; spans still buffered for
// export are flushed when the host stops. An unusable OTLP configuration is reported once, at start.
internal sealed class TelemetryStarter(TracerProvider provider, OtlpExportMonitor monitor, TelemetryConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.Problem is { } problem)
        {
            monitor.ReportMisconfigured(problem);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        provider.ForceFlush(timeoutMilliseconds: 2000);
        return Task.CompletedTask;
    }
}
