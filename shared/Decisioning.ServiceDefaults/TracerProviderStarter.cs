using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Decisioning.ServiceDefaults;

// Resolving the provider at start makes the container create, own and dispose it; spans still
// buffered for export are flushed when the host stops.
internal sealed class TracerProviderStarter(TracerProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        provider.ForceFlush(timeoutMilliseconds: 2000);
        return Task.CompletedTask;
    }
}
