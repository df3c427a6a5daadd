using Microsoft.Extensions.Logging;

namespace Decisioning.ServiceDefaults.Telemetry;

internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "OTLP export to {Endpoint} is failing ({Failure}): telemetry is dropped from bounded queues until the collector answers again; requests are not affected. This is logged once until export recovers.")]
    public static partial void ExportFailing(ILogger logger, string endpoint, string failure);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "OTLP export to {Endpoint} works again.")]
    public static partial void ExportRecovered(ILogger logger, string endpoint);
}
