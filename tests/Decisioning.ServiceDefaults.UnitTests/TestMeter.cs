using System.Diagnostics.Metrics;
using Decisioning.ServiceDefaults.Metrics;

namespace Decisioning.ServiceDefaults.UnitTests;

// A meter of its own and a collector that listens only to it, so tests running in parallel do not mix.
public sealed class TestMeter : IDisposable
{
    public TestMeter(TimeProvider? clock = null)
    {
        Meter = new Meter("Test." + Guid.NewGuid().ToString("N"));
        Collector = new PrometheusCollector(meter => ReferenceEquals(meter, Meter), clock);
    }

    public Meter Meter { get; }

    public PrometheusCollector Collector { get; }

    public static string Lines(params string[] lines) => string.Concat(lines.Select(line => line + "\n"));

    public void Dispose()
    {
        Collector.Dispose();
        Meter.Dispose();
    }
}
