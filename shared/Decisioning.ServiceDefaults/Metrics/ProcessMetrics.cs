using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Decisioning.ServiceDefaults.Metrics;

// Read when scraped, not sampled in the background.
internal sealed class ProcessMetrics
{
    public const string MeterName = "Decisioning.Process";

    public ProcessMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        using var process = Process.GetCurrentProcess();
        var startTimeSeconds = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        meter.CreateObservableCounter("process.cpu", () => Environment.CpuUsage.TotalTime.TotalSeconds, "s", "User and system CPU time spent.");
        meter.CreateObservableGauge("process.resident_memory", () => Environment.WorkingSet, "By", "Resident memory size.");
        meter.CreateObservableGauge("dotnet.gc.heap", () => GC.GetTotalMemory(forceFullCollection: false), "By", "Bytes allocated on the managed heap and not yet collected.");
        meter.CreateObservableGauge("process.start_time", () => startTimeSeconds, "s", "Start time of the process since the Unix epoch.");
    }
}
