using Microsoft.Extensions.Logging;

namespace Decisioning.ServiceDefaults.Telemetry;

// Turns the result of every export into at most one warning while export fails (whichever signals fail)
// and one line when it works again, instead of a line per batch. The logger is resolved at the first report:
// the OpenTelemetry logger provider that owns an exporter is itself built by the logger factory.
internal sealed class OtlpExportMonitor(Func<ILogger> logger)
{
    /// <summary>The log category of export problems; it is kept away from the OTLP log exporter itself.</summary>
    public const string LogCategory = "Decisioning.ServiceDefaults.OtlpExport";

    private readonly Lazy<ILogger> _logger = new(logger);
    private int _failing;

    public bool IsFailing => Volatile.Read(ref _failing) != 0;

    public void Report(OtlpSignal signal, Uri endpoint, bool succeeded, string? failure = null)
    {
        var bit = (int)signal;
        while (true)
        {
            var before = Volatile.Read(ref _failing);
            var after = succeeded ? before & ~bit : before | bit;
            if (after == before)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _failing, after, before) != before)
            {
                continue;
            }

            if (before == 0)
            {
                TelemetryLog.ExportFailing(_logger.Value, signal, endpoint, failure ?? "the exporter reported a failure");
            }
            else if (after == 0)
            {
                TelemetryLog.ExportRecovered(_logger.Value, endpoint);
            }

            return;
        }
    }

    public void ReportMisconfigured(string problem) => TelemetryLog.ExportMisconfigured(_logger.Value, problem);
}
